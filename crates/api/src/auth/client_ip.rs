use std::net::IpAddr;

use actix_web::HttpRequest;

/// The client's address: the peer, or the first `X-Forwarded-For` hop behind a trusted proxy.
pub fn client_ip(req: &HttpRequest, trust_proxy: bool) -> Option<IpAddr> {
    if trust_proxy {
        let info = req.connection_info();
        if let Some(ip) = info.realip_remote_addr().and_then(|a| a.parse().ok()) {
            return Some(ip);
        }
    }
    req.peer_addr().map(|a| a.ip())
}
