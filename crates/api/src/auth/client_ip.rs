//! The client's address, for the per-address limits: the peer, or, behind a proxy we were
//! told to trust, the address that proxy saw.
//!
//! A client writes whatever it likes into `X-Forwarded-For` and `Forwarded`; only the entries
//! our own proxies append can be believed. Those are at the right end of the list, so the
//! client is found by walking from the right: past the configured number of hops, or past the
//! addresses of the configured proxy networks.
use std::net::IpAddr;

use actix_web::http::header::HeaderMap;
use actix_web::HttpRequest;
use ipnet::IpNet;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum ProxyHeader {
    /// `X-Forwarded-For: client, proxy1, …` (what nginx, HAProxy and most balancers write).
    #[default]
    XForwardedFor,
    /// RFC 7239 `Forwarded: for=…`, only for proxies configured to write it.
    Forwarded,
}

#[derive(Debug, Clone, Default)]
pub struct ProxyConfig {
    /// Behind a proxy: read the address it appended. Off: the peer's address, whatever the
    /// headers say.
    pub trust: bool,
    /// How many proxies append to the header (a CDN in front of a balancer is two).
    pub hops: usize,
    /// The proxies' networks. When set, only a peer inside them is believed, and every entry
    /// inside them is skipped; `hops` is then not used.
    pub networks: Vec<IpNet>,
    pub header: ProxyHeader,
}

impl ProxyConfig {
    /// Whether this request came through one of our proxies, whose headers we may read.
    fn believes(&self, peer: Option<IpAddr>) -> bool {
        self.trust
            && (self.networks.is_empty()
                || peer.is_some_and(|peer| self.networks.iter().any(|net| net.contains(&peer))))
    }

    pub fn client_ip(&self, req: &HttpRequest) -> Option<IpAddr> {
        let peer = req.peer_addr().map(|a| a.ip());
        if !self.believes(peer) {
            return peer;
        }
        let chain = match self.header {
            ProxyHeader::XForwardedFor => x_forwarded_for(req.headers()),
            ProxyHeader::Forwarded => forwarded_for(req.headers()),
        };
        self.pick(&chain).or(peer)
    }

    /// The client's entry in the chain, walking from the right. `None` (use the peer) when
    /// the chain is empty or an entry our proxies vouch for cannot be read.
    fn pick(&self, chain: &[Option<IpAddr>]) -> Option<IpAddr> {
        if self.networks.is_empty() {
            let hops = self.hops.max(1);
            // Fewer entries than hops: the leftmost is still one a trusted proxy wrote.
            let index = chain.len().saturating_sub(hops);
            return chain.get(index).copied().flatten();
        }
        for entry in chain.iter().rev() {
            let ip = (*entry)?;
            if !self.networks.iter().any(|net| net.contains(&ip)) {
                return Some(ip);
            }
        }
        chain.first().copied().flatten()
    }

    /// Whether TLS ended at our proxy: its last `X-Forwarded-Proto` (or `Forwarded: proto=`)
    /// says `https`.
    pub fn tls_at_proxy(&self, req: &HttpRequest) -> bool {
        if !self.believes(req.peer_addr().map(|a| a.ip())) {
            return false;
        }
        let proto = match self.header {
            ProxyHeader::XForwardedFor => list(req.headers(), "x-forwarded-proto")
                .last()
                .map(|p| (*p).to_owned()),
            ProxyHeader::Forwarded => forwarded_params(req.headers(), "proto").pop(),
        };
        proto.is_some_and(|p| p.eq_ignore_ascii_case("https"))
    }
}

/// The comma-separated values of every `name` header, in order.
fn list<'a>(headers: &'a HeaderMap, name: &str) -> Vec<&'a str> {
    headers
        .get_all(name)
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(','))
        .map(str::trim)
        .filter(|entry| !entry.is_empty())
        .collect()
}

fn x_forwarded_for(headers: &HeaderMap) -> Vec<Option<IpAddr>> {
    list(headers, "x-forwarded-for")
        .into_iter()
        .map(parse_node)
        .collect()
}

fn forwarded_for(headers: &HeaderMap) -> Vec<Option<IpAddr>> {
    forwarded_params(headers, "for")
        .iter()
        .map(|node| parse_node(node))
        .collect()
}

/// One parameter of each `Forwarded` element (`for=…;proto=…, for=…`), unquoted.
fn forwarded_params(headers: &HeaderMap, name: &str) -> Vec<String> {
    list(headers, "forwarded")
        .into_iter()
        .filter_map(|element| {
            element.split(';').find_map(|pair| {
                let (key, value) = pair.split_once('=')?;
                key.trim()
                    .eq_ignore_ascii_case(name)
                    .then(|| value.trim().trim_matches('"').to_owned())
            })
        })
        .collect()
}

/// `192.0.2.1`, `192.0.2.1:4711`, `2001:db8::1`, `[2001:db8::1]:4711`; `unknown` and
/// obfuscated names are no address.
fn parse_node(node: &str) -> Option<IpAddr> {
    if let Ok(ip) = node.parse() {
        return Some(ip);
    }
    if let Some(rest) = node.strip_prefix('[') {
        return rest.split_once(']')?.0.parse().ok();
    }
    let (host, port) = node.rsplit_once(':')?;
    port.parse::<u16>().ok()?;
    host.parse().ok()
}

#[cfg(test)]
mod tests {
    use actix_web::test::TestRequest;

    use super::*;

    fn ip(text: &str) -> IpAddr {
        text.parse().expect("an address")
    }

    fn request(headers: &[(&str, &str)]) -> HttpRequest {
        let mut req = TestRequest::default().peer_addr("10.0.0.2:5000".parse().expect("peer"));
        for header in headers {
            req = req.append_header(*header);
        }
        req.to_http_request()
    }

    fn trusting(hops: usize) -> ProxyConfig {
        ProxyConfig {
            trust: true,
            hops,
            ..ProxyConfig::default()
        }
    }

    #[test]
    fn without_trust_the_headers_are_ignored() {
        let req = request(&[("x-forwarded-for", "203.0.113.9")]);
        assert_eq!(ProxyConfig::default().client_ip(&req), Some(ip("10.0.0.2")));
    }

    #[test]
    fn the_entry_our_proxy_appended_wins_over_forged_ones() {
        let req = request(&[
            ("x-forwarded-for", "1.1.1.1, 2.2.2.2"),
            ("x-forwarded-for", "198.51.100.7"),
        ]);
        assert_eq!(trusting(1).client_ip(&req), Some(ip("198.51.100.7")));
        assert_eq!(trusting(2).client_ip(&req), Some(ip("2.2.2.2")));
        assert_eq!(trusting(9).client_ip(&req), Some(ip("1.1.1.1")));
    }

    #[test]
    fn forwarded_is_read_only_when_configured() {
        let req = request(&[
            ("forwarded", "for=6.6.6.6"),
            ("x-forwarded-for", "198.51.100.7"),
        ]);
        assert_eq!(trusting(1).client_ip(&req), Some(ip("198.51.100.7")));
        let forwarded = ProxyConfig {
            header: ProxyHeader::Forwarded,
            ..trusting(1)
        };
        let req = request(&[(
            "forwarded",
            "for=6.6.6.6, for=\"[2001:db8::7]:4711\";proto=https",
        )]);
        assert_eq!(forwarded.client_ip(&req), Some(ip("2001:db8::7")));
        assert!(forwarded.tls_at_proxy(&req));
    }

    #[test]
    fn proxy_networks_are_skipped_and_other_peers_not_believed() {
        let config = ProxyConfig {
            trust: true,
            networks: vec!["10.0.0.0/8".parse().expect("net")],
            ..ProxyConfig::default()
        };
        let req = request(&[("x-forwarded-for", "6.6.6.6, 198.51.100.7, 10.1.1.1")]);
        assert_eq!(config.client_ip(&req), Some(ip("198.51.100.7")));
        let outsider = TestRequest::default()
            .peer_addr("192.0.2.50:5000".parse().expect("peer"))
            .append_header(("x-forwarded-for", "6.6.6.6"))
            .to_http_request();
        assert_eq!(config.client_ip(&outsider), Some(ip("192.0.2.50")));
    }

    #[test]
    fn unreadable_or_missing_entries_fall_back_to_the_peer() {
        assert_eq!(
            trusting(1).client_ip(&request(&[("x-forwarded-for", "unknown")])),
            Some(ip("10.0.0.2"))
        );
        assert_eq!(trusting(1).client_ip(&request(&[])), Some(ip("10.0.0.2")));
        assert_eq!(
            trusting(1).client_ip(&request(&[("x-forwarded-for", "192.0.2.1:8080")])),
            Some(ip("192.0.2.1"))
        );
    }

    #[test]
    fn https_at_the_proxy_is_its_last_word() {
        let req = request(&[("x-forwarded-proto", "http, https")]);
        assert!(trusting(1).tls_at_proxy(&req));
        assert!(!ProxyConfig::default().tls_at_proxy(&req));
        let req = request(&[("x-forwarded-proto", "https, http")]);
        assert!(!trusting(1).tls_at_proxy(&req));
    }
}
