//! A compact spanned value for the raw records.
//!
//! serde-saphyr's `Spanned` carries two full locations; a large program holds
//! millions of spanned values between loading and resolving, so each is
//! read through `Spanned` and kept as a 12-byte [`At`].

use serde::Deserialize;
use serde_saphyr::Spanned;

/// Where a value was written: 1-based line and column (in characters) and
/// its length; line 0 when the value was not written (a default).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
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

/// A default value that was not written anywhere (line 0).
pub fn unspanned<T>(value: T) -> Sp<T> {
    Sp {
        value,
        at: At::default(),
    }
}
