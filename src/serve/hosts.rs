//! Which hosts and origins may talk to the preview.
//!
//! Input: the address `serve` listens on and the names given with `--allowed-host`. Output: a
//! yes or no for a request's `Host` header and for an `Origin` header. A web page on another
//! domain can point that domain at 127.0.0.1 (DNS rebinding) and read whatever the preview
//! answers; the `Host` header then names the attacker's domain, so only names that cannot be
//! rebound are answered: loopback names and addresses, the address given with `--bind`, and the
//! names the author allowed. An IP address cannot be rebound, so when the preview listens on every
//! interface (`--bind 0.0.0.0`) any address is accepted too.

use std::net::IpAddr;

/// The hosts a preview answers.
#[derive(Clone, Debug)]
pub struct Allowed {
    bind: IpAddr,
    /// Lowercase names from `--allowed-host`; one starting with `.` allows every subdomain.
    names: Vec<String>,
}

impl Allowed {
    /// The hosts allowed for a preview listening on `bind`, plus `names`.
    pub fn new(bind: IpAddr, names: &[String]) -> Allowed {
        let names = names.iter().map(|n| n.trim().trim_end_matches('.').to_ascii_lowercase()).collect();
        Allowed { bind, names }
    }

    /// Whether a `Host` header value (`name`, `name:port`, `[::1]:port`) is one the preview
    /// answers.
    pub fn host(&self, host: &str) -> bool {
        let name = host_name(host.trim()).trim_end_matches('.').to_ascii_lowercase();
        if name.is_empty() {
            return false;
        }
        if name == "localhost" || name.ends_with(".localhost") {
            return true;
        }
        if let Ok(ip) = name.trim_start_matches('[').trim_end_matches(']').parse::<IpAddr>() {
            return ip.is_loopback() || ip == self.bind || self.bind.is_unspecified();
        }
        self.names.iter().any(|allowed| match allowed.strip_prefix('.') {
            Some(domain) => name == domain || name.ends_with(allowed.as_str()),
            None => name == *allowed,
        })
    }

    /// Whether an `Origin` header value (`http://localhost:3000`) names an allowed host. The
    /// opaque origin `null` (a sandboxed frame, a file) is never allowed.
    pub fn origin(&self, origin: &str) -> bool {
        let Some((scheme, rest)) = origin.trim().split_once("://") else { return false };
        matches!(scheme, "http" | "https") && self.host(rest.split('/').next().unwrap_or(""))
    }
}

/// The name part of a `Host` value: without the port, brackets kept around an IPv6 address.
fn host_name(host: &str) -> &str {
    if host.starts_with('[') {
        return host.find(']').map_or(host, |end| &host[..=end]);
    }
    match host.rsplit_once(':') {
        Some((name, port)) if port.bytes().all(|b| b.is_ascii_digit()) => name,
        _ => host,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn loopback() -> Allowed {
        Allowed::new("127.0.0.1".parse().unwrap(), &["preview.example".into(), ".dev.example".into()])
    }

    #[test]
    fn loopback_names_and_allowed_hosts_only() {
        let a = loopback();
        for ok in ["localhost:3000", "LOCALHOST", "127.0.0.1:3000", "[::1]:3000", "app.localhost:3000", "127.0.0.2"] {
            assert!(a.host(ok), "{ok}");
        }
        for ok in ["preview.example:3000", "preview.example.", "a.dev.example", "dev.example"] {
            assert!(a.host(ok), "{ok}");
        }
        for bad in ["evil.example:3000", "", ":3000", "192.168.1.5:3000", "localhost.evil.example", "xdev.example"] {
            assert!(!a.host(bad), "{bad}");
        }
    }

    #[test]
    fn the_bind_address_and_any_address_when_bound_to_all() {
        let lan = Allowed::new("192.168.1.5".parse().unwrap(), &[]);
        assert!(lan.host("192.168.1.5:3000"));
        assert!(!lan.host("10.0.0.1:3000"));
        let all = Allowed::new("0.0.0.0".parse().unwrap(), &[]);
        assert!(all.host("10.0.0.1:3000"));
        assert!(all.host("[fe80::1]:3000"));
        assert!(!all.host("evil.example:3000"), "a name can still be rebound");
    }

    #[test]
    fn origins() {
        let a = loopback();
        assert!(a.origin("http://localhost:3000"));
        assert!(a.origin("http://127.0.0.1:3000"));
        assert!(!a.origin("http://evil.example:3000"));
        assert!(!a.origin("null"));
        assert!(!a.origin("file://"));
    }
}
