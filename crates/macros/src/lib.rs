//! Derive macros for `jabber-stanza`: `#[derive(Payload)]` declares a typed
//! XMPP payload (its parser and serializer), `#[derive(Value)]` an enum of
//! names read from an attribute or text.
//!
//! Use them through `jabber_stanza` (or `jabber::stanza`), which documents
//! them with examples; this crate is not meant to be named directly.

#![forbid(unsafe_code)]

mod model;
mod payload;
mod value;

use proc_macro::TokenStream;

/// Derives `jabber_stanza::Payload` (or `jabber_stanza::Child` for a type
/// without a namespace of its own). See `jabber_stanza::Payload`'s
/// derive documentation for the attributes.
#[proc_macro_derive(Payload, attributes(payload))]
pub fn derive_payload(input: TokenStream) -> TokenStream {
    let input = syn::parse_macro_input!(input as syn::DeriveInput);
    payload::derive(input).unwrap_or_else(syn::Error::into_compile_error).into()
}

/// Derives `jabber_stanza::Value` for an enum of names.
#[proc_macro_derive(Value, attributes(value))]
pub fn derive_value(input: TokenStream) -> TokenStream {
    let input = syn::parse_macro_input!(input as syn::DeriveInput);
    value::derive(input).unwrap_or_else(syn::Error::into_compile_error).into()
}
