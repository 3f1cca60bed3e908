//! Which `Host` a request may name: the preview's defence against DNS rebinding.
//!
//! Any web page the editor visits can make the browser send requests to the preview
//! (`http://127.0.0.1:1111/…`), but it cannot read the answers, which come from another
//! origin. With DNS rebinding the page's own name (`evil.example`) is made to resolve to
//! 127.0.0.1 after the page has loaded: its requests then reach the preview as requests of
//! the page's own origin, and the answers (drafts, and the error banner, which quotes lines
//! of files) become readable. Those requests still say `Host: evil.example`, so answering
//! only the names the preview is known by closes that door. Vite and webpack-dev-server
//! check the host for the same reason.
//!
//! An IP address in `Host` is never a rebinding: the browser asked that address itself, so
//! the page is the preview's own. That is why, when the preview listens on every address
//! (`--bind 0.0.0.0` or `::`), any address is accepted (the machine's LAN address, whatever
//! it is), while names still need `--allow-host`.

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

/// The host part of a `Host` header or of an `--allow-host` value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Host {
    Ip(IpAddr),
    /// Lower-cased, without a trailing dot.
    Name(String),
}

impl Host {
    /// Reads `name`, `name:port`, `1.2.3.4[:port]` or `[v6][:port]`; the port is dropped.
    /// `None` for anything else (empty, a bad port, characters no host name has).
    pub fn parse(text: &str) -> Option<Host> {
        let text = text.trim();
        let (host, port) = if let Some(rest) = text.strip_prefix('[') {
            let (inside, after) = rest.split_once(']')?;
            let ip = inside.parse::<Ipv6Addr>().ok()?;
            let port = match after {
                "" => None,
                _ => Some(after.strip_prefix(':')?),
            };
            (Host::Ip(IpAddr::V6(ip)), port)
        } else {
            let (name, port) = match text.split_once(':') {
                Some((name, port)) => (name, Some(port)),
                None => (text, None),
            };
            let name = name.strip_suffix('.').unwrap_or(name);
            let plain = name
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '.' || c == '_');
            if name.is_empty() || !plain {
                return None;
            }
            match name.parse::<Ipv4Addr>() {
                Ok(ip) => (Host::Ip(IpAddr::V4(ip)), port),
                Err(_) => (Host::Name(name.to_ascii_lowercase()), port),
            }
        };
        if port.is_some_and(|p| p.is_empty() || !p.bytes().all(|b| b.is_ascii_digit())) {
            return None;
        }
        Some(host)
    }
}

/// The hosts a preview listening on one address answers to.
#[derive(Debug, Clone)]
pub struct AllowedHosts {
    bind: IpAddr,
    names: Vec<Host>,
}

impl AllowedHosts {
    /// For a preview listening on `bind`, with the `--allow-host` values `extra`; an
    /// unreadable value is returned as the error.
    pub fn new(bind: IpAddr, extra: &[String]) -> Result<AllowedHosts, String> {
        let names = extra
            .iter()
            .map(|text| Host::parse(text).ok_or_else(|| text.clone()))
            .collect::<Result<_, _>>()?;
        Ok(AllowedHosts { bind, names })
    }

    /// Whether a request whose `Host` header is `value` may be answered.
    pub fn allows(&self, value: &str) -> bool {
        let Some(host) = Host::parse(value) else {
            return false;
        };
        if self.names.contains(&host) {
            return true;
        }
        match host {
            Host::Name(name) => name == "localhost",
            Host::Ip(ip) => {
                let ip = ip.to_canonical();
                ip == IpAddr::V4(Ipv4Addr::LOCALHOST)
                    || ip == IpAddr::V6(Ipv6Addr::LOCALHOST)
                    || ip == self.bind.to_canonical()
                    || self.bind.is_unspecified()
            }
        }
    }
}

/// The text of the 403 answer to a request for `value` (the `Host` header, if any).
pub fn refusal(value: Option<&str>) -> String {
    let named = value.and_then(Host::parse);
    let asked = match (&named, value) {
        (Some(Host::Name(name)), _) => format!("`{name}`"),
        (Some(Host::Ip(ip)), _) => format!("`{ip}`"),
        (None, Some(_)) => "a host name that cannot be read".to_string(),
        (None, None) => "no host (the request has no Host header)".to_string(),
    };
    let hint = match named {
        Some(Host::Name(name)) => format!("`iopsite serve --allow-host {name}`"),
        _ => "`iopsite serve --allow-host NAME`".to_string(),
    };
    format!(
        "403 Forbidden: this preview answers only requests for localhost, 127.0.0.1, [::1], \
         the address it listens on and names given with --allow-host; this one was for \
         {asked}. (A web page that gets here under another name may be trying to read the \
         preview through DNS rebinding.) If you opened the preview under that name yourself, \
         start it with {hint}.\n"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hosts(bind: &str, extra: &[&str]) -> AllowedHosts {
        let extra: Vec<String> = extra.iter().map(|s| s.to_string()).collect();
        AllowedHosts::new(bind.parse().unwrap(), &extra).unwrap()
    }

    #[test]
    fn reads_host_values() {
        let name = |n: &str| Some(Host::Name(n.into()));
        let ip = |a: &str| Some(Host::Ip(a.parse().unwrap()));
        assert_eq!(Host::parse("localhost"), name("localhost"));
        assert_eq!(Host::parse("LocalHost:1111"), name("localhost"));
        assert_eq!(Host::parse("preview.test."), name("preview.test"));
        assert_eq!(Host::parse("127.0.0.1:80"), ip("127.0.0.1"));
        assert_eq!(Host::parse("[::1]:1111"), ip("::1"));
        assert_eq!(Host::parse("[0:0:0:0:0:0:0:1]"), ip("::1"));
        for bad in [
            "", ":80", "a b", "a/b", "[::1", "[::1]x", "[nope]", "a:", "a:8x", "::1", "ä.se", "a@b",
        ] {
            assert_eq!(Host::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn loopback_names_and_the_bound_address() {
        let local = hosts("127.0.0.1", &[]);
        for ok in [
            "localhost",
            "localhost:1111",
            "127.0.0.1:1111",
            "[::1]:1111",
            "LOCALHOST",
        ] {
            assert!(local.allows(ok), "{ok}");
        }
        for refused in [
            "evil.example",
            "evil.example:1111",
            "localhost.evil.example",
            "192.168.1.5",
            "[fe80::1]",
            "",
            "127.0.0.1 evil",
        ] {
            assert!(!local.allows(refused), "{refused}");
        }
        let lan = hosts("192.168.1.5", &[]);
        assert!(lan.allows("192.168.1.5:1111"));
        assert!(!lan.allows("192.168.1.6:1111"));
        let v6 = hosts("fd00::5", &[]);
        assert!(v6.allows("[fd00::5]:1111"));
    }

    #[test]
    fn every_address_but_no_other_name_when_listening_everywhere() {
        for bind in ["0.0.0.0", "::"] {
            let all = hosts(bind, &[]);
            assert!(all.allows("192.168.1.5:1111"), "{bind}");
            assert!(all.allows("[fe80::1]:1111"), "{bind}");
            assert!(all.allows("localhost"), "{bind}");
            assert!(!all.allows("myhost.lan"), "{bind}");
            assert!(!all.allows("evil.example"), "{bind}");
        }
    }

    #[test]
    fn names_given_with_allow_host() {
        let allowed = hosts("127.0.0.1", &["Preview.Test", "10.0.0.7:8080"]);
        assert!(allowed.allows("preview.test"));
        assert!(allowed.allows("preview.test:1111"));
        assert!(allowed.allows("10.0.0.7"));
        assert!(!allowed.allows("other.test"));
        assert!(!allowed.allows("sub.preview.test"));
        let bad = AllowedHosts::new("127.0.0.1".parse().unwrap(), &["a b".to_string()]);
        assert_eq!(bad.unwrap_err(), "a b");
    }

    #[test]
    fn the_refusal_names_the_option() {
        let text = refusal(Some("Evil.Example:1111"));
        assert!(text.contains("`evil.example`"), "{text}");
        assert!(text.contains("--allow-host evil.example"), "{text}");
        assert!(refusal(None).contains("no Host header"));
        let odd = refusal(Some("<script>"));
        assert!(!odd.contains("<script>"), "{odd}");
        assert!(odd.contains("--allow-host NAME"), "{odd}");
    }
}
