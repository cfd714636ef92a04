//! A compact spanned value for the raw records.
//!
//! serde-saphyr's `Spanned` carries two full locations; a large program holds
//! millions of spanned values between loading and resolving, so each is
//! read through `Spanned` and kept as a 12-byte [`At`].
//!
//! The parse cache stores records in a compact binary form (see
//! [`super::cache`]); there a spanned value is written and read back as its
//! value and its [`At`], so a record taken from the cache points at the
//! same line and column as one parsed now.

use std::borrow::Cow;

use schemars::{JsonSchema, Schema, SchemaGenerator};
use serde::{Deserialize, Serialize};
use serde_saphyr::Spanned;

/// Where a value was written: 1-based line and column (in characters) and
/// its length; line 0 when the value was not written (a default).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct At {
    /// 1-based line, 0 when not written.
    pub line: u32,
    /// 1-based column in characters.
    pub column: u32,
    /// Length in characters.
    pub len: u32,
}

/// A value with the place it was written.
#[derive(Debug, Clone)]
pub struct Sp<T> {
    /// The value.
    pub value: T,
    /// Where it was written.
    pub at: At,
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Sp<T> {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        // YAML is read by a human-readable deserializer, which gives spans;
        // the cache's binary form is not, and holds the span it was given.
        if !deserializer.is_human_readable() {
            let (value, at) = <(T, At)>::deserialize(deserializer)?;
            return Ok(Sp { value, at });
        }
        let spanned = Spanned::<T>::deserialize(deserializer)?;
        let place = spanned.referenced;
        Ok(Sp {
            value: spanned.value,
            at: At {
                line: u32::try_from(place.line()).unwrap_or(u32::MAX),
                column: u32::try_from(place.column()).unwrap_or(u32::MAX),
                len: u32::try_from(place.span().len()).unwrap_or(u32::MAX),
            },
        })
    }
}

impl<T: Serialize> Serialize for Sp<T> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        // As written for a human-readable form (a schema's default, JSON);
        // with its span for the cache's binary form, as read back above.
        if serializer.is_human_readable() {
            return self.value.serialize(serializer);
        }
        (&self.value, self.at).serialize(serializer)
    }
}

// The editor schemas describe what is written, so a spanned value is
// described as its value alone.
impl<T: JsonSchema> JsonSchema for Sp<T> {
    fn inline_schema() -> bool {
        T::inline_schema()
    }

    fn schema_name() -> Cow<'static, str> {
        T::schema_name()
    }

    fn schema_id() -> Cow<'static, str> {
        T::schema_id()
    }

    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        T::json_schema(generator)
    }
}

/// A default value that was not written anywhere (line 0).
pub fn unspanned<T>(value: T) -> Sp<T> {
    Sp {
        value,
        at: At::default(),
    }
}
