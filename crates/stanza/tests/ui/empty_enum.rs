// Misuse: a payload enum without variants.
use jabber_stanza::Payload;

#[derive(Payload)]
#[payload(ns = "urn:example")]
enum Nothing {}

fn main() {}
