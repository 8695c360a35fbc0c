//! `#[derive(Value)]`: an enum of names read from an attribute or text.

use proc_macro2::TokenStream;
use quote::{ToTokens, quote};
use syn::{Data, DeriveInput, Fields, Ident, LitStr};

use crate::model::{self, Errors};

pub(crate) fn derive(input: DeriveInput) -> syn::Result<TokenStream> {
    let mut errors = Errors::default();
    let Data::Enum(e) = &input.data else {
        return Err(syn::Error::new(
            input.ident.span(),
            "`#[derive(Value)]` is for an enum of names; implement `jabber_stanza::Value` for other types",
        ));
    };
    if !input.generics.params.is_empty() {
        errors.at(input.ident.span(), "`#[derive(Value)]` does not take generic parameters");
    }
    let mut krate = None;
    for attr in input.attrs.iter().filter(|a| a.path().is_ident("value")) {
        let result = attr.parse_nested_meta(|meta| {
            if meta.path.is_ident("crate") {
                krate = Some(meta.value()?.parse::<syn::Path>()?);
                Ok(())
            } else {
                Err(meta
                    .error(format!("unknown key `{}` for a value enum; expected `crate`", meta.path.to_token_stream())))
            }
        });
        if let Err(e) = result {
            errors.push(e);
        }
    }
    let mut names: Vec<(Ident, LitStr)> = Vec::new();
    let mut other: Option<Ident> = None;
    for v in &e.variants {
        let mut name = None;
        let mut is_other = false;
        for attr in v.attrs.iter().filter(|a| a.path().is_ident("value")) {
            let result = attr.parse_nested_meta(|meta| {
                if meta.path.is_ident("name") {
                    name = Some(meta.value()?.parse::<LitStr>()?);
                } else if meta.path.is_ident("other") {
                    is_other = true;
                } else {
                    return Err(meta.error(format!(
                        "unknown key `{}` for a value variant; expected `name` or `other`",
                        meta.path.to_token_stream()
                    )));
                }
                Ok(())
            });
            if let Err(e) = result {
                errors.push(e);
            }
        }
        match (&v.fields, is_other) {
            (Fields::Unit, false) => {
                let name = name.unwrap_or_else(|| LitStr::new(&model::kebab(&v.ident), v.ident.span()));
                if let Some((first, _)) = names.iter().find(|(_, n)| n.value() == name.value()) {
                    errors.at(name.span(), format!("the name {:?} is already `{first}`'s", name.value()));
                }
                names.push((v.ident.clone(), name));
            }
            (Fields::Unnamed(f), true) if f.unnamed.len() == 1 => {
                if other.replace(v.ident.clone()).is_some() {
                    errors.at(v.ident.span(), "a value enum has at most one `other` variant");
                }
            }
            (_, true) => errors.at(v.ident.span(), "the `other` variant keeps the text as it came: `Other(String)`"),
            (_, false) => errors.at(
                v.ident.span(),
                "a value variant is a name (a unit variant), or the `#[value(other)] Other(String)` catch-all",
            ),
        }
    }
    errors.finish()?;
    let krate = model::crate_path(krate.as_ref());
    let ty = &input.ident;
    let (idents, lits): (Vec<_>, Vec<_>) = names.into_iter().unzip();
    let (fallback, write_other, xml_other) = match &other {
        Some(o) => (
            quote!(::core::result::Result::Ok(#ty::#o(::std::string::String::from(__text)))),
            quote!(#ty::#o(__s) => ::std::borrow::Cow::Borrowed(__s.as_str()),),
            quote!(#ty::#o(__s) => __d::XmlStr::from(__s.clone()),),
        ),
        None => (quote!(::core::result::Result::Err(__d::ValueError::Invalid)), quote!(), quote!()),
    };
    Ok(quote! {
        #[allow(deprecated, unused_qualifications, clippy::pattern_type_mismatch)]
        const _: () = {
            use #krate::__derive as __d;
            impl __d::Value for #ty {
                fn from_value(__text: &str) -> ::core::result::Result<Self, __d::ValueError> {
                    match __text.trim_matches(|__c| ::core::matches!(__c, ' ' | '\t' | '\n' | '\r')) {
                        #(#lits => ::core::result::Result::Ok(#ty::#idents),)*
                        _ => #fallback,
                    }
                }
                fn to_value(&self) -> ::std::borrow::Cow<'_, str> {
                    match self {
                        #(#ty::#idents => ::std::borrow::Cow::Borrowed(#lits),)*
                        #write_other
                    }
                }
                fn to_xml_str(&self) -> __d::XmlStr {
                    match self {
                        #(#ty::#idents => __d::XmlStr::from(#lits),)*
                        #xml_other
                    }
                }
            }
        };
    })
}
