//! Finding an XMPP server for a domain: RFC 6120 §3.2 ("Resolution of
//! Fully Qualified Domain Names") and XEP-0368 ("SRV records for XMPP over
//! TLS", version 1.1.0).
//!
//! A client looks up two DNS SRV record sets for its domain:
//! `_xmpps-client._tcp.<domain>` (direct TLS, XEP-0368) and
//! `_xmpp-client._tcp.<domain>` (STARTTLS, RFC 6120 §3.2.1). XEP-0368 §3
//! rule 1 says both sets are mixed as if they were one: the records are
//! ordered by priority, then by RFC 2782's weighted random selection, and
//! each keeps its own [`TlsMode`]. A set whose only target is "." says that
//! its service is "decidedly not available" (RFC 2782). When neither set
//! exists, or the DNS gives no answer, the client falls back to
//! `<domain>:5222` with STARTTLS (RFC 6120 §3.2.2); when a set exists but
//! holds only ".", there is no fallback (RFC 6120 §3.2.1 step 3, XEP-0368
//! §5).
//!
//! The ordering is the pure function [`plan`] (randomness injected), and
//! [`Resolver`] does the DNS part with hickory-resolver. Callers that know
//! where their server is (a component, XEP-0114; a test server; a
//! configured host, RFC 6120 §3.2.1 last paragraph) skip discovery and give
//! [`Candidate`]s directly to [`crate::transport::connect`].

use std::fmt;
use std::net::IpAddr;
use std::time::Duration;

use hickory_resolver::TokioResolver;
use hickory_resolver::config::{CLOUDFLARE, ResolverConfig, ResolverOpts};
use hickory_resolver::net::NetError;
use hickory_resolver::net::runtime::TokioRuntimeProvider;
use hickory_resolver::proto::rr::RData;
use rand::RngExt;

use crate::Error;

/// The IANA port of the `xmpp-client` service, used by the fallback of
/// RFC 6120 §3.2.2.
pub const DEFAULT_CLIENT_PORT: u16 = 5222;

/// The SRV service name of direct TLS client connections (XEP-0368 §3).
pub const DIRECT_TLS_SERVICE: &str = "_xmpps-client._tcp";

/// The SRV service name of STARTTLS client connections (RFC 6120 §3.2.1).
pub const STARTTLS_SERVICE: &str = "_xmpp-client._tcp";

/// How a connection to a [`Candidate`] is secured.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum TlsMode {
    /// TLS starts as soon as TCP is connected ("direct TLS", XEP-0368 §2),
    /// with ALPN `xmpp-client`. Found under `_xmpps-client._tcp`.
    Direct,
    /// Plain TCP; the stream negotiates STARTTLS (RFC 6120 §5) and then
    /// calls [`crate::Transport::upgrade`]. Found under `_xmpp-client._tcp`
    /// and used by the fallback (RFC 6120 §3.2.2).
    StartTls,
    /// Plain TCP that is never upgraded: a component connection
    /// (XEP-0114) on a trusted network, or a test.
    Plain,
}

impl fmt::Display for TlsMode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            TlsMode::Direct => "direct TLS",
            TlsMode::StartTls => "STARTTLS",
            TlsMode::Plain => "plain",
        })
    }
}

/// A host and port to try, and how to secure the connection there
/// (RFC 6120 §3.2.1 step 4).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Candidate {
    /// A DNS host name (the SRV target, without the trailing dot) or an IP
    /// address literal.
    pub host: String,
    /// The TCP port.
    pub port: u16,
    /// How the connection is secured.
    pub mode: TlsMode,
}

impl Candidate {
    /// A candidate with the given host, port and mode.
    pub fn new(host: impl Into<String>, port: u16, mode: TlsMode) -> Self {
        Candidate { host: host.into(), port, mode }
    }

    /// A direct TLS candidate (XEP-0368).
    pub fn direct(host: impl Into<String>, port: u16) -> Self {
        Candidate::new(host, port, TlsMode::Direct)
    }

    /// A STARTTLS candidate (RFC 6120 §5).
    pub fn starttls(host: impl Into<String>, port: u16) -> Self {
        Candidate::new(host, port, TlsMode::StartTls)
    }

    /// A plain TCP candidate that is never upgraded, e.g. a component's
    /// server (XEP-0114 §3).
    pub fn plain(host: impl Into<String>, port: u16) -> Self {
        Candidate::new(host, port, TlsMode::Plain)
    }

    /// The fallback of RFC 6120 §3.2.2: `<domain>:5222`, STARTTLS.
    pub fn fallback(domain: &str) -> Self {
        Candidate::starttls(trim_root(domain), DEFAULT_CLIENT_PORT)
    }
}

impl fmt::Display for Candidate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.host.contains(':') {
            write!(f, "[{}]:{} ({})", self.host, self.port, self.mode)
        } else {
            write!(f, "{}:{} ({})", self.host, self.port, self.mode)
        }
    }
}

/// One SRV resource record (RFC 2782), as far as discovery needs it.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct SrvRecord {
    /// Lower is tried first.
    pub priority: u16,
    /// Relative share among records of equal priority.
    pub weight: u16,
    /// The TCP port.
    pub port: u16,
    /// The target host without its trailing dot, or `"."` for "the service
    /// is decidedly not available at this domain".
    pub target: String,
}

impl SrvRecord {
    /// A record; `target` may end with the root dot, which is removed
    /// (except from the lone `"."`).
    pub fn new(priority: u16, weight: u16, port: u16, target: impl Into<String>) -> Self {
        let target = target.into();
        let target = if target == "." { target } else { trim_root(&target).to_owned() };
        SrvRecord { priority, weight, port, target }
    }

    /// Whether the target is ".", the RFC 2782 "not available" marker.
    pub fn is_unavailable(&self) -> bool {
        self.target == "." || self.target.is_empty()
    }
}

/// What the DNS said about one SRV name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SrvAnswer {
    /// The name has records (possibly just the "." marker).
    Records(Vec<SrvRecord>),
    /// The name does not exist or has no SRV records (NXDOMAIN or NODATA).
    NoRecords,
    /// No usable response: timeout, server failure, no name server.
    /// RFC 6120 §3.2.1 step 8 treats it like [`SrvAnswer::NoRecords`].
    NoResponse,
}

/// Orders the candidates for a client connection to `domain` from the two
/// SRV answers, as RFC 6120 §3.2 and XEP-0368 §3 ask:
///
/// - the usable records of both sets are mixed and ordered by
///   [`order_by_priority_and_weight`]; direct TLS records become
///   [`TlsMode::Direct`] candidates, the others [`TlsMode::StartTls`];
/// - if there is no usable record, but a set holds only "." targets, the
///   service is not available: [`Error::ServiceUnavailable`] (RFC 2782;
///   XEP-0368 §5 forbids the address fallback even when only the direct
///   TLS set says ".");
/// - if neither set has a record (or the DNS did not answer), the result is
///   the single fallback candidate `<domain>:5222` STARTTLS (RFC 6120
///   §3.2.2).
///
/// `pick(n)` must return a uniformly random number in `0..=n`; see
/// [`order_by_priority_and_weight`].
///
/// # Errors
///
/// [`Error::ServiceUnavailable`] as said above.
pub fn plan(
    domain: &str,
    direct: &SrvAnswer,
    starttls: &SrvAnswer,
    pick: &mut impl FnMut(u32) -> u32,
) -> Result<Vec<Candidate>, Error> {
    let mut usable = Vec::new();
    let mut refused = false;
    for (answer, mode) in [(direct, TlsMode::Direct), (starttls, TlsMode::StartTls)] {
        if let SrvAnswer::Records(records) = answer {
            let before = usable.len();
            usable
                .extend(records.iter().filter(|record| !record.is_unavailable()).map(|record| (record.clone(), mode)));
            if usable.len() == before && !records.is_empty() {
                refused = true;
            }
        }
    }
    if usable.is_empty() {
        if refused {
            return Err(Error::ServiceUnavailable { domain: trim_root(domain).to_owned() });
        }
        return Ok(vec![Candidate::fallback(domain)]);
    }
    let ordered = order_by_priority_and_weight(usable, |(record, _)| (record.priority, record.weight), pick);
    Ok(ordered.into_iter().map(|(record, mode)| Candidate::new(record.target, record.port, mode)).collect())
}

/// RFC 2782's order of SRV records: ascending priority; within one
/// priority, repeated weighted random selection ("Usage rules": the
/// records of weight 0 are put first, a running sum of weights is kept,
/// a random number in `0..=sum` picks the first record whose running sum
/// is at least that number, and that record is taken out).
///
/// `key` gives an item's `(priority, weight)`. `pick(n)` must return a
/// uniformly random number in `0..=n` ([`random_pick`] does, from the
/// operating system's randomness); tests pass a fixed sequence. Items of
/// equal priority and weight 0 keep their relative order when all weights
/// of their priority are 0.
pub fn order_by_priority_and_weight<T>(
    mut items: Vec<T>,
    key: impl Fn(&T) -> (u16, u16),
    pick: &mut impl FnMut(u32) -> u32,
) -> Vec<T> {
    // Stable: by priority, and weight 0 before the others within it.
    items.sort_by_key(|item| {
        let (priority, weight) = key(item);
        (priority, weight != 0)
    });
    let mut out = Vec::with_capacity(items.len());
    let mut rest = items.into_iter().peekable();
    while let Some(first) = rest.next() {
        let priority = key(&first).0;
        let mut group = vec![first];
        while let Some(next) = rest.next_if(|item| key(item).0 == priority) {
            group.push(next);
        }
        while !group.is_empty() {
            let total: u32 = group.iter().map(|item| u32::from(key(item).1)).sum();
            let chosen = pick(total).min(total);
            let mut running = 0u32;
            let mut index = group.len() - 1;
            for (i, item) in group.iter().enumerate() {
                running += u32::from(key(item).1);
                if running >= chosen {
                    index = i;
                    break;
                }
            }
            out.push(group.remove(index));
        }
    }
    out
}

/// A uniformly random number in `0..=n` from a generator seeded by the
/// operating system (`rand`'s thread generator over `getrandom`): the
/// `pick` for [`plan`] and [`order_by_priority_and_weight`].
pub fn random_pick(n: u32) -> u32 {
    rand::rng().random_range(0..=n)
}

/// The default time a whole SRV lookup may take before it counts as "no
/// response" (RFC 6120 §3.2.1 step 8): 5 seconds.
pub const DEFAULT_LOOKUP_TIMEOUT: Duration = Duration::from_secs(5);

/// A DNS resolver for XMPP discovery (hickory-resolver on tokio).
#[derive(Clone)]
pub struct Resolver {
    inner: TokioResolver,
    timeout: Duration,
}

impl fmt::Debug for Resolver {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Resolver").field("timeout", &self.timeout).finish_non_exhaustive()
    }
}

impl Resolver {
    /// A resolver with the system's configuration (`/etc/resolv.conf` on
    /// Unix, the registry on Windows). If that cannot be read, it falls
    /// back to public name servers (Cloudflare's, UDP and TCP) rather than
    /// failing. Every lookup is bounded by [`DEFAULT_LOOKUP_TIMEOUT`].
    ///
    /// # Errors
    ///
    /// [`Error::Dns`] (with an empty `name`) if hickory cannot build a
    /// resolver at all.
    pub fn system() -> Result<Self, Error> {
        let builder = match TokioResolver::builder_tokio() {
            Ok(builder) => builder,
            Err(_) => TokioResolver::builder_with_config(
                ResolverConfig::udp_and_tcp(&CLOUDFLARE),
                TokioRuntimeProvider::default(),
            ),
        };
        Self::finish(builder)
    }

    /// A resolver with an explicit hickory configuration (name servers,
    /// search list) and options (per-query timeout, attempts).
    ///
    /// # Errors
    ///
    /// [`Error::Dns`] (with an empty `name`) if hickory cannot build it.
    pub fn with_config(config: ResolverConfig, options: ResolverOpts) -> Result<Self, Error> {
        let builder = TokioResolver::builder_with_config(config, TokioRuntimeProvider::default()).with_options(options);
        Self::finish(builder)
    }

    fn finish(builder: hickory_resolver::ResolverBuilder<TokioRuntimeProvider>) -> Result<Self, Error> {
        let inner = builder.build().map_err(|source| Error::Dns { name: String::new(), source: Box::new(source) })?;
        Ok(Resolver { inner, timeout: DEFAULT_LOOKUP_TIMEOUT })
    }

    /// Sets the time a whole SRV lookup may take (default
    /// [`DEFAULT_LOOKUP_TIMEOUT`]); past it, the lookup counts as "no
    /// response".
    pub fn set_timeout(&mut self, timeout: Duration) -> &mut Self {
        self.timeout = timeout;
        self
    }

    /// The time a whole SRV lookup may take.
    pub fn timeout(&self) -> Duration {
        self.timeout
    }

    /// Looks up the SRV records of `service` (e.g. [`STARTTLS_SERVICE`])
    /// at `domain` (RFC 2782): `_service._proto.domain.`, as an absolute
    /// name (no search list).
    ///
    /// # Errors
    ///
    /// [`Error::InvalidDomain`] if the name cannot be a DNS name;
    /// [`Error::Dns`] for a failure other than "no such record" (those
    /// give `Ok(SrvAnswer::NoRecords)`); [`Error::Timeout`] after
    /// [`Resolver::timeout`].
    pub async fn lookup_srv(&self, service: &str, domain: &str) -> Result<SrvAnswer, Error> {
        let domain = trim_root(domain);
        if domain.is_empty() {
            return Err(Error::InvalidDomain { domain: domain.to_owned() });
        }
        let name = format!("{service}.{domain}.");
        let query = hickory_resolver::proto::rr::Name::from_utf8(&name)
            .map_err(|_| Error::InvalidDomain { domain: domain.to_owned() })?;
        let lookup = match tokio::time::timeout(self.timeout, self.inner.srv_lookup(query)).await {
            Err(_) => {
                return Err(Error::Timeout { after: self.timeout });
            }
            Ok(Err(error)) if error.is_no_records_found() => return Ok(SrvAnswer::NoRecords),
            Ok(Err(error)) => return Err(dns_error(name, error)),
            Ok(Ok(lookup)) => lookup,
        };
        let records: Vec<SrvRecord> = lookup
            .answers()
            .iter()
            .filter_map(|record| match &record.data {
                RData::SRV(srv) => Some(SrvRecord::new(
                    srv.priority,
                    srv.weight,
                    srv.port,
                    if srv.target.is_root() { ".".to_owned() } else { srv.target.to_ascii() },
                )),
                _ => None,
            })
            .collect();
        if records.is_empty() { Ok(SrvAnswer::NoRecords) } else { Ok(SrvAnswer::Records(records)) }
    }

    /// The ordered candidates for a client connection to the XMPP
    /// `domain` (RFC 6120 §3.2, XEP-0368): both SRV sets are looked up at
    /// once and merged by [`plan`], with [`random_pick`]. A lookup that
    /// fails or times out counts as "no response", which leads to the
    /// fallback `<domain>:5222` when the other has no record either. An IP
    /// address literal (RFC 7622 §3.2) is not looked up: it is its own
    /// fallback candidate.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidDomain`]; [`Error::ServiceUnavailable`] when the
    /// records say "." (see [`plan`]).
    pub async fn client_candidates(&self, domain: &str) -> Result<Vec<Candidate>, Error> {
        let bare = trim_root(domain);
        let literal = bare.trim_start_matches('[').trim_end_matches(']');
        if literal.parse::<IpAddr>().is_ok() {
            return Ok(vec![Candidate::starttls(literal, DEFAULT_CLIENT_PORT)]);
        }
        let (direct, starttls) =
            tokio::join!(self.lookup_srv(DIRECT_TLS_SERVICE, bare), self.lookup_srv(STARTTLS_SERVICE, bare),);
        let direct = settle(direct)?;
        let starttls = settle(starttls)?;
        plan(bare, &direct, &starttls, &mut random_pick)
    }
}

fn settle(answer: Result<SrvAnswer, Error>) -> Result<SrvAnswer, Error> {
    match answer {
        Ok(answer) => Ok(answer),
        Err(error @ Error::InvalidDomain { .. }) => Err(error),
        Err(_) => Ok(SrvAnswer::NoResponse),
    }
}

fn dns_error(name: String, source: NetError) -> Error {
    Error::Dns { name, source: Box::new(source) }
}

fn trim_root(name: &str) -> &str {
    name.strip_suffix('.').unwrap_or(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A `pick` that replays `values` (clamped by the caller), then 0.
    fn replay(values: &[u32]) -> impl FnMut(u32) -> u32 + '_ {
        let mut iter = values.iter().copied();
        move |_| iter.next().unwrap_or(0)
    }

    fn hosts(candidates: &[Candidate]) -> Vec<(&str, u16, TlsMode)> {
        candidates.iter().map(|c| (c.host.as_str(), c.port, c.mode)).collect()
    }

    #[test]
    fn no_records_falls_back_to_domain_5222() {
        let got = plan("example.net", &SrvAnswer::NoRecords, &SrvAnswer::NoRecords, &mut random_pick).unwrap();
        assert_eq!(got, vec![Candidate::starttls("example.net", 5222)]);
    }

    #[test]
    fn no_response_falls_back_too() {
        let got = plan("example.net.", &SrvAnswer::NoResponse, &SrvAnswer::NoRecords, &mut random_pick).unwrap();
        assert_eq!(got, vec![Candidate::starttls("example.net", 5222)]);
    }

    #[test]
    fn empty_record_list_is_no_records() {
        let got =
            plan("example.net", &SrvAnswer::Records(vec![]), &SrvAnswer::Records(vec![]), &mut random_pick).unwrap();
        assert_eq!(got, vec![Candidate::fallback("example.net")]);
    }

    #[test]
    fn dot_target_for_starttls_means_unavailable() {
        let err = plan(
            "example.net",
            &SrvAnswer::NoRecords,
            &SrvAnswer::Records(vec![SrvRecord::new(0, 0, 0, ".")]),
            &mut random_pick,
        )
        .unwrap_err();
        assert!(matches!(&err, Error::ServiceUnavailable { domain } if domain == "example.net"), "{err:?}");
    }

    #[test]
    fn dot_target_for_direct_tls_uses_starttls_records() {
        // XEP-0368 §5: "." under _xmpps-client: look at _xmpp-client.
        let got = plan(
            "example.net",
            &SrvAnswer::Records(vec![SrvRecord::new(0, 0, 0, ".")]),
            &SrvAnswer::Records(vec![SrvRecord::new(5, 0, 5222, "xmpp.example.net.")]),
            &mut random_pick,
        )
        .unwrap();
        assert_eq!(got, vec![Candidate::starttls("xmpp.example.net", 5222)]);
    }

    #[test]
    fn dot_target_for_direct_tls_forbids_address_fallback() {
        // XEP-0368 §5: "MUST NOT perform A/AAAA fallback".
        let err = plan(
            "example.net",
            &SrvAnswer::Records(vec![SrvRecord::new(0, 0, 0, ".")]),
            &SrvAnswer::NoRecords,
            &mut random_pick,
        )
        .unwrap_err();
        assert!(matches!(err, Error::ServiceUnavailable { .. }), "{err:?}");
    }

    #[test]
    fn direct_records_without_starttls_records_are_used_alone() {
        let got = plan(
            "example.net",
            &SrvAnswer::Records(vec![SrvRecord::new(5, 0, 443, "tls.example.net")]),
            &SrvAnswer::NoRecords,
            &mut random_pick,
        )
        .unwrap();
        assert_eq!(got, vec![Candidate::direct("tls.example.net", 443)]);
    }

    #[test]
    fn both_sets_are_mixed_by_priority() {
        // XEP-0368 §3 rule 1: priorities of both sets are compared as one.
        let direct = SrvAnswer::Records(vec![
            SrvRecord::new(10, 0, 443, "b.example.net."),
            SrvRecord::new(30, 0, 5223, "d.example.net."),
        ]);
        let starttls = SrvAnswer::Records(vec![
            SrvRecord::new(20, 0, 5222, "c.example.net."),
            SrvRecord::new(5, 0, 5222, "a.example.net."),
        ]);
        let got = plan("example.net", &direct, &starttls, &mut random_pick).unwrap();
        assert_eq!(
            hosts(&got),
            vec![
                ("a.example.net", 5222, TlsMode::StartTls),
                ("b.example.net", 443, TlsMode::Direct),
                ("c.example.net", 5222, TlsMode::StartTls),
                ("d.example.net", 5223, TlsMode::Direct),
            ]
        );
    }

    #[test]
    fn equal_priority_mixes_by_weight() {
        // One priority, weights 1 (direct) and 3 (STARTTLS): running sums
        // 1 and 4. A pick of 0 or 1 selects the direct record first, 2..=4
        // the STARTTLS one.
        let direct = SrvAnswer::Records(vec![SrvRecord::new(10, 1, 443, "d.example.net")]);
        let starttls = SrvAnswer::Records(vec![SrvRecord::new(10, 3, 5222, "s.example.net")]);
        for (value, first) in [(0, "d"), (1, "d"), (2, "s"), (4, "s")] {
            let values = [value];
            let got = plan("example.net", &direct, &starttls, &mut replay(&values)).unwrap();
            assert_eq!(got[0].host, format!("{first}.example.net"), "pick {value}");
            assert_eq!(got.len(), 2);
        }
    }

    #[test]
    fn rfc2782_selection_follows_running_sums() {
        // Priority 1 is sorted weight 0 first: w0, w10, w70, w20 (running
        // sums 0, 10, 80, 100).
        let records = vec![
            SrvRecord::new(1, 10, 1, "w10"),
            SrvRecord::new(1, 70, 1, "w70"),
            SrvRecord::new(1, 0, 1, "w0"),
            SrvRecord::new(1, 20, 1, "w20"),
            SrvRecord::new(0, 5, 1, "first"),
        ];
        // Priority 0 alone: any pick. Then 50 -> w70 (sum 100 >= 50);
        // remaining 0, 10, 20 (sums 0, 10, 30): 0 -> w0; remaining 10, 20:
        // 11 -> w20; then w10.
        let values = [3, 50, 0, 11, 0];
        let got = order_by_priority_and_weight(records, |r| (r.priority, r.weight), &mut replay(&values));
        let names: Vec<&str> = got.iter().map(|r| r.target.as_str()).collect();
        assert_eq!(names, ["first", "w70", "w0", "w20", "w10"]);
    }

    #[test]
    fn all_zero_weights_keep_given_order() {
        let records = vec![SrvRecord::new(1, 0, 1, "a"), SrvRecord::new(1, 0, 1, "b"), SrvRecord::new(1, 0, 1, "c")];
        let got = order_by_priority_and_weight(records, |r| (r.priority, r.weight), &mut random_pick);
        let names: Vec<&str> = got.iter().map(|r| r.target.as_str()).collect();
        assert_eq!(names, ["a", "b", "c"]);
    }

    #[test]
    fn out_of_range_pick_is_clamped() {
        let records = vec![SrvRecord::new(1, 1, 1, "a"), SrvRecord::new(1, 1, 1, "b")];
        let got = order_by_priority_and_weight(records, |r| (r.priority, r.weight), &mut |_| u32::MAX);
        let names: Vec<&str> = got.iter().map(|r| r.target.as_str()).collect();
        assert_eq!(names, ["b", "a"]);
    }

    #[test]
    fn weighted_selection_is_roughly_proportional() {
        // Weights 1 and 9, running sums 1 and 10, a pick in 0..=10 (RFC
        // 2782 says inclusive): the heavy record comes first for 2..=10,
        // 9 times in 11 (expected 1636 of 2000). The band is about five
        // standard deviations (17) wide each way.
        let mut heavy_first = 0;
        for _ in 0..2000 {
            let records = vec![SrvRecord::new(0, 1, 1, "light"), SrvRecord::new(0, 9, 1, "heavy")];
            let got = order_by_priority_and_weight(records, |r| (r.priority, r.weight), &mut random_pick);
            if got[0].target == "heavy" {
                heavy_first += 1;
            }
        }
        assert!((1550..=1720).contains(&heavy_first), "{heavy_first}");
    }

    #[test]
    fn every_record_appears_once() {
        let records: Vec<SrvRecord> = (0..20).map(|i| SrvRecord::new(i % 3, i * 7 % 11, i, format!("h{i}"))).collect();
        let got = order_by_priority_and_weight(records.clone(), |r| (r.priority, r.weight), &mut random_pick);
        assert_eq!(got.len(), records.len());
        for record in &records {
            assert!(got.contains(record));
        }
        assert!(got.windows(2).all(|w| w[0].priority <= w[1].priority));
    }

    #[test]
    fn srv_record_trims_root_dot() {
        assert_eq!(SrvRecord::new(0, 0, 1, "x.example.").target, "x.example");
        assert!(SrvRecord::new(0, 0, 0, ".").is_unavailable());
        assert!(!SrvRecord::new(0, 0, 1, "x.example.").is_unavailable());
    }

    #[test]
    fn candidate_display() {
        assert_eq!(Candidate::direct("::1", 5223).to_string(), "[::1]:5223 (direct TLS)");
        assert_eq!(Candidate::fallback("example.net.").to_string(), "example.net:5222 (STARTTLS)");
    }
}
