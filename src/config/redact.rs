/// Replaces the password of `scheme://user:password@host/…` with `********`.
pub fn redact_url(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else {
        return "********".to_owned();
    };
    let authority_end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let (authority, tail) = rest.split_at(authority_end);
    match authority.rsplit_once('@') {
        Some((userinfo, host)) => {
            let user = userinfo.split_once(':').map_or(userinfo, |(user, _)| user);
            let tail = redact_query_password(tail);
            format!("{scheme}://{user}:********@{host}{tail}")
        }
        None => format!("{scheme}://{authority}{}", redact_query_password(tail)),
    }
}

/// `?password=…` is also accepted by PostgreSQL URLs.
fn redact_query_password(tail: &str) -> String {
    let Some((path, query)) = tail.split_once('?') else {
        return tail.to_owned();
    };
    let query: Vec<String> = query
        .split('&')
        .map(|pair| match pair.split_once('=') {
            Some((key, _)) if key.eq_ignore_ascii_case("password") => format!("{key}=********"),
            _ => pair.to_owned(),
        })
        .collect();
    format!("{path}?{}", query.join("&"))
}

#[cfg(test)]
mod tests {
    use super::redact_url;

    #[test]
    fn hides_passwords_in_urls() {
        assert_eq!(redact_url("postgres://app:s3cret@db:5432/dayline"), "postgres://app:********@db:5432/dayline");
        assert_eq!(
            redact_url("postgres://db/dayline?user=a&password=x"),
            "postgres://db/dayline?user=a&password=********"
        );
        assert_eq!(redact_url("postgres://app@db/dayline"), "postgres://app:********@db/dayline");
        assert_eq!(redact_url("not a url"), "********");
    }
}
