//! What a personal API token may do. A signed-in session has no scopes: it may do all its
//! user may. A token's scopes narrow that, never widen it.

use dayline_api_types::TokenScope;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ScopeSet {
    pub read: bool,
    pub write: bool,
    pub admin: bool,
}

impl ScopeSet {
    pub fn from_scopes(scopes: &[TokenScope]) -> Self {
        Self {
            read: scopes.contains(&TokenScope::Read),
            write: scopes.contains(&TokenScope::Write),
            admin: scopes.contains(&TokenScope::Admin),
        }
    }

    pub fn to_scopes(self) -> Vec<TokenScope> {
        [(self.read, TokenScope::Read), (self.write, TokenScope::Write), (self.admin, TokenScope::Admin)]
            .into_iter()
            .filter_map(|(on, scope)| on.then_some(scope))
            .collect()
    }

    /// As stored: `read,write`.
    pub fn to_stored(self) -> String {
        self.to_scopes()
            .iter()
            .map(|s| match s {
                TokenScope::Read => "read",
                TokenScope::Write => "write",
                TokenScope::Admin => "admin",
            })
            .collect::<Vec<_>>()
            .join(",")
    }

    pub fn from_stored(stored: &str) -> Self {
        let has = |name: &str| stored.split(',').any(|s| s == name);
        Self { read: has("read"), write: has("write"), admin: has("admin") }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scopes_round_trip_through_storage() {
        let set = ScopeSet::from_scopes(&[TokenScope::Write, TokenScope::Read]);
        assert_eq!(set.to_stored(), "read,write");
        assert_eq!(ScopeSet::from_stored("read,write"), set);
        assert_eq!(ScopeSet::from_stored(""), ScopeSet::default());
    }
}
