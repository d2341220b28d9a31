//! The addresses a school's admin typed: the OneRoster version the base URL names, and the hosts
//! both name, refused when they resolve to this machine or a private network (the server must
//! not become the admin's way into the cloud's metadata or the school district's intranet).
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr, ToSocketAddrs};
use std::time::Duration;

use reqwest::Url;

use super::super::oneroster::manifest::Version;
use super::PullError;

const V1_1_PATH: &str = "/ims/oneroster/v1p1";
const V1_2_PATH: &str = "/ims/oneroster/rostering/v1p2";

/// An http or https address with a host.
pub fn parse(text: &str, what: &str) -> Result<Url, PullError> {
    Url::parse(text.trim())
        .ok()
        .filter(|url| matches!(url.scheme(), "http" | "https"))
        .filter(|url| url.host_str().is_some_and(|host| !host.is_empty()))
        .ok_or_else(|| {
            PullError::new(
                "oneroster_bad_address",
                format!("The {what} must be an http or https address."),
            )
        })
}

pub fn version(base: &Url) -> Result<Version, PullError> {
    let path = base.path().trim_end_matches('/');
    if path.ends_with(V1_1_PATH) {
        Ok(Version::V1_1)
    } else if path.ends_with(V1_2_PATH) {
        Ok(Version::V1_2)
    } else {
        Err(PullError::new(
            "oneroster_bad_address",
            format!(
                "The base URL must end with {V1_1_PATH} (OneRoster 1.1) or {V1_2_PATH} \
                 (OneRoster 1.2)."
            ),
        ))
    }
}

/// A host name and the addresses it resolved to, which the client then connects to and no
/// other: a name that resolves elsewhere later (DNS rebinding) is not asked again.
pub struct Pin {
    pub host: String,
    pub addresses: Vec<SocketAddr>,
}

/// Resolves each URL's host once and checks every address it has. Hosts written as addresses
/// need no pin.
pub async fn resolve(
    urls: &[&Url],
    allow_private: bool,
    timeout: Duration,
) -> Result<Vec<Pin>, PullError> {
    let mut pins = Vec::new();
    for url in urls {
        let host = url.host_str().unwrap_or_default();
        let port = url.port_or_known_default().unwrap_or(443);
        let literal = literal(host);
        let addresses = match literal {
            Some(ip) => vec![SocketAddr::new(ip, port)],
            None => lookup(host, port, timeout).await?,
        };
        if !allow_private {
            if let Some(address) = addresses.iter().find(|address| refused(address.ip())) {
                return Err(PullError::new(
                    "oneroster_address_refused",
                    format!(
                        "{host} is on a private network ({}): Hallpass only connects to \
                         OneRoster servers on the internet.",
                        address.ip()
                    ),
                ));
            }
        }
        if literal.is_none() {
            pins.push(Pin {
                host: host.to_owned(),
                addresses,
            });
        }
    }
    Ok(pins)
}

/// `127.0.0.1`, or `[::1]` as a URL writes it.
fn literal(host: &str) -> Option<IpAddr> {
    host.trim_start_matches('[')
        .trim_end_matches(']')
        .parse()
        .ok()
}

async fn lookup(host: &str, port: u16, timeout: Duration) -> Result<Vec<SocketAddr>, PullError> {
    let not_found = || {
        PullError::new(
            "oneroster_unreachable",
            format!("Could not find the host {host}: check the address."),
        )
    };
    let name = host.to_owned();
    let resolving = tokio::task::spawn_blocking(move || {
        (name.as_str(), port)
            .to_socket_addrs()
            .map(Iterator::collect::<Vec<_>>)
    });
    match tokio::time::timeout(timeout, resolving).await {
        Ok(Ok(Ok(addresses))) if !addresses.is_empty() => Ok(addresses),
        _ => Err(not_found()),
    }
}

/// Loopback, private, link-local (the cloud's metadata at 169.254.169.254), shared (carrier
/// NAT, and some clouds' metadata), unique-local, unspecified, broadcast and multicast.
pub fn refused(ip: IpAddr) -> bool {
    match ip {
        IpAddr::V4(ip) => refused_v4(ip),
        IpAddr::V6(ip) => match embedded_v4(ip) {
            Some(v4) => refused_v4(v4),
            None => refused_v6(ip),
        },
    }
}

fn refused_v4(ip: Ipv4Addr) -> bool {
    let [first, second, ..] = ip.octets();
    ip.is_loopback()
        || ip.is_private()
        || ip.is_link_local()
        || ip.is_unspecified()
        || ip.is_broadcast()
        || ip.is_multicast()
        || first == 0
        || (first == 100 && (second & 0xc0) == 64)
}

fn refused_v6(ip: Ipv6Addr) -> bool {
    let first = ip.segments()[0];
    ip.is_loopback()
        || ip.is_unspecified()
        || ip.is_multicast()
        || (first & 0xfe00) == 0xfc00
        || (first & 0xffc0) == 0xfe80
        || (first & 0xffc0) == 0xfec0
}

/// The IPv4 address inside an IPv4-mapped (`::ffff:10.0.0.1`) or NAT64 (`64:ff9b::…`) one,
/// which reach that IPv4 address.
fn embedded_v4(ip: Ipv6Addr) -> Option<Ipv4Addr> {
    if let Some(v4) = ip.to_ipv4_mapped() {
        return Some(v4);
    }
    let segments = ip.segments();
    (segments[..6] == [0x64, 0xff9b, 0, 0, 0, 0]).then(|| {
        let [.., a, b, c, d] = ip.octets();
        Ipv4Addr::new(a, b, c, d)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn url(text: &str) -> Url {
        parse(text, "base URL").expect("an address")
    }

    /// Resolving only: nothing connects to these addresses.
    fn refused_at(texts: &[&str]) -> Option<&'static str> {
        let urls: Vec<Url> = texts.iter().map(|text| url(text)).collect();
        let urls: Vec<&Url> = urls.iter().collect();
        let resolved = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .expect("a runtime")
            .block_on(resolve(&urls, false, Duration::from_secs(5)));
        resolved.err().map(|err| err.code)
    }

    #[test]
    fn the_version_is_the_base_urls_path() {
        let version_of = |text| version(&url(text)).map_err(|err| err.code);
        assert_eq!(
            version_of("https://sis.example.org/ims/oneroster/v1p1"),
            Ok(Version::V1_1)
        );
        assert_eq!(
            version_of("https://sis.example.org/district/ims/oneroster/rostering/v1p2/"),
            Ok(Version::V1_2)
        );
        let wrong = version(&url("https://sis.example.org/ims/oneroster/v1p2")).expect_err("no");
        assert_eq!(wrong.code, "oneroster_bad_address");
        assert!(wrong.message.contains("/ims/oneroster/v1p1"));
        assert!(wrong.message.contains("/ims/oneroster/rostering/v1p2"));
        assert!(parse("ftp://sis.example.org/ims/oneroster/v1p1", "base URL").is_err());
        assert!(parse("sis.example.org/ims/oneroster/v1p1", "base URL").is_err());
    }

    #[test]
    fn private_and_metadata_addresses_are_refused() {
        for ip in [
            "127.0.0.1",
            "10.0.0.1",
            "172.16.5.4",
            "192.168.1.1",
            "169.254.169.254",
            "100.100.100.200",
            "0.0.0.0",
            "224.0.0.1",
            "255.255.255.255",
            "::1",
            "::",
            "fd00:ec2::254",
            "fe80::1",
            "ff02::1",
            "::ffff:10.0.0.1",
            "64:ff9b::a9fe:a9fe",
        ] {
            assert!(refused(ip.parse().expect("an address")), "{ip} is refused");
        }
        for ip in ["93.184.216.34", "8.8.8.8", "2606:4700::1111", "172.32.0.1"] {
            assert!(!refused(ip.parse().expect("an address")), "{ip} is allowed");
        }
    }

    #[test]
    fn urls_naming_private_hosts_are_refused_before_any_connection() {
        for base in [
            "http://127.0.0.1:8080/ims/oneroster/v1p1",
            "http://169.254.169.254/ims/oneroster/v1p1",
            "http://10.0.0.1/ims/oneroster/v1p1",
            "http://[::1]/ims/oneroster/v1p1",
            "http://localhost/ims/oneroster/v1p1",
        ] {
            assert_eq!(
                refused_at(&[base]),
                Some("oneroster_address_refused"),
                "{base}"
            );
        }
        let public = "https://93.184.216.34/ims/oneroster/v1p1";
        assert_eq!(refused_at(&[public]), None);
        // The token URL is checked as well as the base URL.
        assert_eq!(
            refused_at(&[public, "http://10.0.0.1/oauth/token"]),
            Some("oneroster_address_refused")
        );
    }
}
