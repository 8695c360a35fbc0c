//! Memory held by a parser, measured with a counting allocator: idle, peak
//! while a large stanza arrives in chunks, and after `release_memory`.
//! (One test in this binary, so no other test allocates concurrently.)

// The allocator only counts and delegates every call to `System` with the
// same arguments, so it upholds `GlobalAlloc`'s contract exactly as
// `System` does.
#![allow(unsafe_code)]

mod common;

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};

use common::CLIENT_HEADER;
use jabber_stream::{ErrorKind, Limit, StreamEvent, StreamParser};

struct Counting;
static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let live = LIVE.fetch_add(layout.size(), Relaxed) + layout.size();
        PEAK.fetch_max(live, Relaxed);
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        LIVE.fetch_sub(layout.size(), Relaxed);
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

#[test]
fn parser_memory_is_bounded() {
    let base = LIVE.load(Relaxed);
    let mut p = StreamParser::new();
    p.feed(CLIENT_HEADER.as_bytes());
    let header = p.next_event().unwrap();
    assert!(matches!(header, Some(StreamEvent::Header(_))));
    drop(header);
    p.feed(b"<presence/>");
    drop(p.next_event().unwrap());
    let idle = LIVE.load(Relaxed) - base;
    println!("idle parser: {idle} bytes");
    assert!(idle < 4096, "idle parser holds {idle} bytes");

    // A 200 KB stanza in 4 KiB chunks: the parser holds the stanza once.
    let stanza = format!("<message><body>{}</body></message>", "x".repeat(200_000));
    PEAK.store(LIVE.load(Relaxed), Relaxed);
    let before = LIVE.load(Relaxed);
    let mut got = None;
    for chunk in stanza.as_bytes().chunks(4096) {
        p.feed(chunk);
        if let Some(event) = p.next_event().unwrap() {
            got = Some(event);
        }
    }
    let peak = PEAK.load(Relaxed) - before;
    println!("peak while parsing a {} byte stanza: {peak} bytes", stanza.len());
    // The buffer (grown by doubling) plus the parsed body text.
    assert!(peak < 3 * stanza.len() + 64 * 1024, "peak {peak}");
    drop(got);
    let held = LIVE.load(Relaxed) - before;
    println!("held after the stanza, before release_memory: {held} bytes");
    p.release_memory();
    let after = LIVE.load(Relaxed) - before;
    println!("after release_memory: {after} bytes");
    assert!(after < 4096, "after release {after}");

    // Hostile: 10 MB of one attribute, fed in 64 KiB chunks, is refused
    // while the parser holds no more than the attribute-value limit and a
    // chunk or so.
    PEAK.store(LIVE.load(Relaxed), Relaxed);
    let before = LIVE.load(Relaxed);
    p.feed(b"<message to='");
    let chunk = vec![b'a'; 64 * 1024];
    let mut error = None;
    for _ in 0..160 {
        p.feed(&chunk);
        if let Err(e) = p.next_event() {
            error = Some(e);
            break;
        }
    }
    let peak = PEAK.load(Relaxed) - before;
    println!("peak while refusing a 10 MB attribute: {peak} bytes");
    assert!(matches!(error.unwrap().kind(), ErrorKind::LimitExceeded { limit: Limit::AttributeValueLength, .. }));
    assert!(peak < 4 * 64 * 1024 + 64 * 1024, "peak {peak}");
}
