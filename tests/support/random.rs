//! Random bytes for SCRAM nonces and stream ids, without a `rand` dependency. Shared by the
//! PVR demo, `examples/client.rs` and the interop tests.

use std::hash::{BuildHasher, Hasher};
use std::io::Read;

/// Nonces from the OS (`/dev/urandom`), falling back to SipHash under std's random keys.
pub(crate) fn random() -> impl FnMut(&mut [u8]) + Send + 'static {
    let keys = std::collections::hash_map::RandomState::new();
    let mut counter = 0u64;
    move |buf: &mut [u8]| {
        if std::fs::File::open("/dev/urandom").and_then(|mut f| f.read_exact(buf)).is_ok() {
            return;
        }
        for chunk in buf.chunks_mut(8) {
            counter += 1;
            let mut h = keys.build_hasher();
            h.write_u64(counter);
            chunk.copy_from_slice(&h.finish().to_le_bytes()[..chunk.len()]);
        }
    }
}
