//! The client's IP address: the connection's peer, unless the peer is a trusted reverse
//! proxy, in which case the nearest untrusted hop of `X-Forwarded-For`. A client can put
//! anything in that header, so it is read only behind a proxy listed in `trusted_proxies`.

use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::sync::Arc;

use axum::extract::{ConnectInfo, Request, State};
use axum::http::HeaderMap;
use axum::middleware::Next;
use axum::response::Response;
use ipnet::IpNet;

/// The resolved client address, set on every request by [`resolve`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ClientIp(pub IpAddr);

/// The proxies whose forwarding headers are believed.
#[derive(Debug, Default)]
pub struct TrustedProxies(Vec<IpNet>);

impl TrustedProxies {
    pub fn new(networks: Vec<IpNet>) -> Arc<Self> {
        Arc::new(Self(networks))
    }

    fn trusts(&self, ip: IpAddr) -> bool {
        self.0.iter().any(|net| net.contains(&ip))
    }

    /// Walks `X-Forwarded-For` from the right (the hop our proxy added) past trusted
    /// proxies; the first address not trusted is the client. A malformed entry ends the walk
    /// at the last trusted hop rather than believing anything left of it.
    pub fn client(&self, peer: IpAddr, headers: &HeaderMap) -> IpAddr {
        let mut client = peer.to_canonical();
        if !self.trusts(client) {
            return client;
        }
        let hops: Vec<&str> = headers
            .get_all("x-forwarded-for")
            .iter()
            .filter_map(|v| v.to_str().ok())
            .flat_map(|v| v.split(','))
            .map(str::trim)
            .collect();
        for hop in hops.into_iter().rev() {
            let Ok(ip) = hop.parse::<IpAddr>() else { break };
            client = ip.to_canonical();
            if !self.trusts(client) {
                break;
            }
        }
        client
    }
}

/// Middleware: stores the request's [`ClientIp`] for rate limits, audit rows and logs.
pub async fn resolve(State(proxies): State<Arc<TrustedProxies>>, mut request: Request, next: Next) -> Response {
    let peer =
        request.extensions().get::<ConnectInfo<SocketAddr>>().map_or(IpAddr::V4(Ipv4Addr::UNSPECIFIED), |c| c.0.ip());
    let client = proxies.client(peer, request.headers());
    request.extensions_mut().insert(ClientIp(client));
    next.run(request).await
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(xff: &[&str]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for value in xff {
            map.append("x-forwarded-for", value.parse().expect("header value"));
        }
        map
    }

    fn ip(s: &str) -> IpAddr {
        s.parse().expect("address")
    }

    #[test]
    fn an_untrusted_peer_is_the_client_whatever_it_forwards() {
        let proxies = TrustedProxies::new(vec!["10.0.0.0/8".parse().expect("network")]);
        assert_eq!(proxies.client(ip("203.0.113.9"), &headers(&["198.51.100.1"])), ip("203.0.113.9"));
    }

    #[test]
    fn behind_trusted_proxies_the_nearest_untrusted_hop_is_the_client() {
        let proxies = TrustedProxies::new(vec!["10.0.0.0/8".parse().expect("network")]);
        // The client forged the first entry; the proxies appended the real hops.
        let forwarded = headers(&["1.2.3.4, 198.51.100.7", "10.0.0.3"]);
        assert_eq!(proxies.client(ip("10.0.0.2"), &forwarded), ip("198.51.100.7"));
    }

    #[test]
    fn a_malformed_hop_stops_the_walk_at_the_last_trusted_proxy() {
        let proxies = TrustedProxies::new(vec!["10.0.0.0/8".parse().expect("network")]);
        assert_eq!(proxies.client(ip("10.0.0.2"), &headers(&["1.2.3.4, nonsense"])), ip("10.0.0.2"));
    }

    #[test]
    fn ipv4_mapped_ipv6_peers_match_ipv4_ranges() {
        let proxies = TrustedProxies::new(vec![ip("127.0.0.1").into()]);
        assert_eq!(proxies.client(ip("::ffff:127.0.0.1"), &headers(&["192.0.2.5"])), ip("192.0.2.5"));
    }
}
