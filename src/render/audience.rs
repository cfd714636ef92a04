//! Who a build is for, and therefore what it may contain.
//!
//! Everything personal is private by default. A public build contains no
//! learner's name, id, goal or progress unless that learner consented, and
//! personal pages exist only at capability URLs derived from a secret, so
//! they cannot be guessed or enumerated.

use hmac::{Hmac, KeyInit, Mac};
use sha2::Sha256;

use crate::model::{Learner, Mentor};

/// The audience a site is built for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Audience {
    /// The published site: only consented personal data.
    Public,
    /// The program team: everything, marked noindex.
    Staff,
}

impl Audience {
    /// The name used in templates and on the command line.
    pub fn as_str(self) -> &'static str {
        match self {
            Audience::Public => "public",
            Audience::Staff => "staff",
        }
    }
}

/// The key personal pages of a public build are derived from.
#[derive(Clone)]
pub struct Secret(Vec<u8>);

impl std::fmt::Debug for Secret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Secret(..)")
    }
}

/// The shortest secret accepted: 32 characters, so that even a secret
/// written in hex carries 128 bits.
pub const MIN_SECRET_BYTES: usize = 32;

impl Secret {
    /// A secret from the environment's text, refused when shorter than 128 bits.
    pub fn new(text: &str) -> Result<Secret, String> {
        if text.len() < MIN_SECRET_BYTES {
            return Err(format!(
                "TELEMACHY_SECRET must be at least {MIN_SECRET_BYTES} characters (128 bits even in hex); \
                 generate one with `openssl rand -hex 32`"
            ));
        }
        Ok(Secret(text.as_bytes().to_vec()))
    }

    /// The capability token for a record: HMAC-SHA256 of `kind:id`, first
    /// 128 bits in hex. Stable for a given secret, unguessable without it.
    pub fn token(&self, kind: &str, id: &str) -> String {
        let mut mac = match <Hmac<Sha256> as KeyInit>::new_from_slice(&self.0) {
            Ok(mac) => mac,
            Err(_) => return String::new(),
        };
        mac.update(kind.as_bytes());
        mac.update(b":");
        mac.update(id.as_bytes());
        let digest = mac.finalize().into_bytes();
        digest[..16].iter().map(|b| format!("{b:02x}")).collect()
    }
}

/// What each kind of capability token is for. Each kind is mixed into the
/// HMAC, so a learner's page and their feed have unrelated addresses.
pub mod capability {
    /// A learner's personal page.
    pub const LEARNER_PAGE: &str = "learner";
    /// A pair's charter.
    pub const CHARTER: &str = "pair";
    /// A learner's personal feed.
    pub const LEARNER_FEED: &str = "learner-feed";
    /// A mentor's personal feed.
    pub const MENTOR_FEED: &str = "mentor-feed";
}

/// What a learner agreed may be published, for an audience.
pub fn learner_listed(audience: Audience, learner: &Learner) -> bool {
    audience == Audience::Staff
        || learner.consent.listed_in_cohort
        || learner.consent.public_profile
}

/// Whether a mentor's profile may be shown.
pub fn mentor_public(audience: Audience, mentor: &Mentor) -> bool {
    audience == Audience::Staff || mentor.public_profile
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_secrets_are_refused() {
        assert!(Secret::new("too-short").is_err());
        assert!(Secret::new("0123456789abcdef").is_err());
        assert!(Secret::new("0123456789abcdef0123456789abcdef").is_ok());
    }

    #[test]
    fn tokens_are_stable_128_bit_and_depend_on_the_secret() {
        let a = Secret::new("0123456789abcdef0123456789abcdef").unwrap();
        let b = Secret::new("fedcba9876543210fedcba9876543210").unwrap();
        let token = a.token("learner", "lena-fischer");
        assert_eq!(token.len(), 32);
        assert_eq!(token, a.token("learner", "lena-fischer"));
        assert_ne!(token, b.token("learner", "lena-fischer"));
        assert_ne!(token, a.token("learner", "lena-fische"));
        assert!(!token.contains("lena"));
    }
}
