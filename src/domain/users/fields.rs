//! Account fields parsed at the edge: once a value has one of these types, it is valid.

use dayline_api_types::FieldError;
use secrecy::SecretString;

const EMAIL_MAX: usize = 254;
const DISPLAY_NAME_MAX: usize = 100;
pub const PASSWORD_MIN_CHARS: usize = 8;
pub const PASSWORD_MAX_CHARS: usize = 128;

fn error(field: &str, message: impl Into<String>) -> FieldError {
    FieldError { field: field.to_owned(), message: message.into() }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EmailAddress(String);

impl EmailAddress {
    /// A pragmatic check: one `@`, a non-empty local part, a dotted domain, no spaces or
    /// control characters. Delivery is what really proves an address.
    pub fn parse(field: &str, raw: &str) -> Result<Self, FieldError> {
        let value = raw.trim();
        if value.is_empty() {
            return Err(error(field, "is required"));
        }
        if value.len() > EMAIL_MAX {
            return Err(error(field, format!("must be at most {EMAIL_MAX} characters")));
        }
        let valid = match value.split_once('@') {
            Some((local, domain)) => {
                !local.is_empty()
                    && !domain.contains('@')
                    && domain.contains('.')
                    && !domain.starts_with('.')
                    && !domain.ends_with('.')
                    && !value.chars().any(|c| c.is_whitespace() || c.is_control())
            }
            None => false,
        };
        if !valid {
            return Err(error(field, "is not a valid e-mail address"));
        }
        Ok(Self(value.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DisplayName(String);

impl DisplayName {
    pub fn parse(field: &str, raw: &str) -> Result<Self, FieldError> {
        let value = raw.trim();
        if value.is_empty() {
            return Err(error(field, "is required"));
        }
        if value.chars().count() > DISPLAY_NAME_MAX {
            return Err(error(field, format!("must be at most {DISPLAY_NAME_MAX} characters")));
        }
        if value.chars().any(char::is_control) {
            return Err(error(field, "must not contain control characters"));
        }
        Ok(Self(value.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A password that meets the length policy. Never trimmed or truncated: every character counts.
pub struct Password(SecretString);

impl Password {
    pub fn parse(field: &str, raw: &str) -> Result<Self, FieldError> {
        let chars = raw.chars().count();
        if chars < PASSWORD_MIN_CHARS {
            return Err(error(field, format!("must be at least {PASSWORD_MIN_CHARS} characters")));
        }
        if chars > PASSWORD_MAX_CHARS {
            return Err(error(field, format!("must be at most {PASSWORD_MAX_CHARS} characters")));
        }
        if raw.trim().is_empty() {
            return Err(error(field, "must not be only spaces"));
        }
        Ok(Self(SecretString::from(raw.to_owned())))
    }

    /// Refuses passwords that are common or easy to guess (zxcvbn score below 3), also in the
    /// light of the account's own e-mail and name, with zxcvbn's advice as the message.
    pub fn strong(self, field: &str, user_inputs: &[&str]) -> Result<Self, FieldError> {
        use secrecy::ExposeSecret;
        // Each word of the e-mail and name counts on its own ("ana.lima" is guessable for Ana Lima).
        let words: Vec<String> = user_inputs
            .iter()
            .flat_map(|input| input.split(|c: char| !c.is_alphanumeric()))
            .filter(|w| w.len() >= 3)
            .map(str::to_lowercase)
            .chain(user_inputs.iter().map(|i| i.to_lowercase()))
            .collect();
        let words: Vec<&str> = words.iter().map(String::as_str).collect();
        let estimate = zxcvbn::zxcvbn(self.0.expose_secret(), &words);
        if estimate.score() >= zxcvbn::Score::Three {
            return Ok(self);
        }
        let advice = estimate.feedback().and_then(|f| f.warning()).map(|w| format!(": {w}")).unwrap_or_default();
        Err(error(field, format!("is too easy to guess{advice}; a few unrelated words make a strong password")))
    }

    pub fn into_secret(self) -> SecretString {
        self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn email_rules() {
        assert_eq!(EmailAddress::parse("email", " Ana@Example.com ").expect("valid").as_str(), "Ana@Example.com");
        for bad in ["", "ana", "ana@", "@example.com", "ana@example", "a b@example.com", "a@b@example.com"] {
            assert!(EmailAddress::parse("email", bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn common_and_personal_passwords_are_refused() {
        for weak in ["password1", "12345678", "qwertyuiop", "iloveyou", "analima123", "ana@example.com"] {
            let parsed = Password::parse("password", weak).expect("long enough");
            assert!(parsed.strong("password", &["ana@example.com", "Ana Lima"]).is_err(), "{weak}");
        }
        let strong = Password::parse("password", "correct horse battery staple").expect("long enough");
        assert!(strong.strong("password", &[]).is_ok());
    }

    #[test]
    fn password_length_counts_characters_not_bytes() {
        assert!(Password::parse("password", &"é".repeat(8)).is_ok());
        assert!(Password::parse("password", &"a".repeat(128)).is_ok());
        assert!(Password::parse("password", &"a".repeat(129)).is_err());
        assert!(Password::parse("password", "short").is_err());
        assert!(Password::parse("password", "        ").is_err());
    }
}
