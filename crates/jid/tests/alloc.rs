//! The fast path allocates at most once (zero times from an owned String),
//! counted with a global allocator. One test in this binary, so no other
//! test allocates concurrently.

// The allocator only counts and delegates every call to `System` with the
// same arguments, so it upholds `GlobalAlloc`'s contract as `System` does.
#![allow(unsafe_code)]

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};

use jabber_jid::{BareJid, FullJid, Jid};

struct Counting;
static ALLOCATIONS: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        ALLOCATIONS.fetch_add(1, Relaxed);
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        ALLOCATIONS.fetch_add(1, Relaxed);
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

fn count<T>(f: impl FnOnce() -> T) -> (T, usize) {
    let before = ALLOCATIONS.load(Relaxed);
    let value = f();
    (value, ALLOCATIONS.load(Relaxed) - before)
}

#[test]
fn fast_path_allocations() {
    for input in [
        "juliet@example.com",
        "juliet@example.com/Balcony Room 2",
        "example.com",
        "conference.example.com/nick name!",
        "user.name+tag@sub-domain.example-1.org/res@x/y",
        "192.0.2.1",
    ] {
        let (jid, n) = count(|| Jid::new(input).unwrap());
        assert_eq!(n, 1, "{input}: {n} allocations");
        let owned = input.to_owned();
        let (jid2, n) = count(|| Jid::try_from(owned).unwrap());
        assert_eq!(n, 0, "{input}: {n} allocations from String");
        assert_eq!(jid, jid2);
    }
    let (_, n) = count(|| BareJid::new("juliet@example.com").unwrap());
    assert_eq!(n, 1);
    let (_, n) = count(|| FullJid::new("juliet@example.com/r").unwrap());
    assert_eq!(n, 1);
    // Not normalized: the slow path may allocate more, but must still work.
    let (jid, _) = count(|| Jid::new("Juliet@Example.com/r").unwrap());
    assert_eq!(jid.as_str(), "juliet@example.com/r");
}
