//! `#[derive(Payload)]`: the parser and serializer of an element.

use proc_macro2::{Span, TokenStream};
use quote::{format_ident, quote, quote_spanned};
use syn::spanned::Spanned;
use syn::{Data, DeriveInput, Fields, Ident, LitStr};

use crate::model::{self, Container, Errors, Field, Kind, Shape};

pub(crate) fn derive(input: DeriveInput) -> syn::Result<TokenStream> {
    let mut errors = Errors::default();
    if !input.generics.params.is_empty() {
        errors.at(input.generics.span_or(&input.ident), "`#[derive(Payload)]` does not take generic parameters");
    }
    let c = Container::read(&input.attrs, &mut errors);
    let krate = model::crate_path(c.krate.as_ref());
    let ty = &input.ident;
    if c.ns.is_none() {
        for (set, key) in [(c.get, "get"), (c.set, "set"), (c.result, "result")] {
            if let Some(span) = set {
                errors.at(
                    span,
                    format!("`{key}` makes an iq payload, which needs a namespace of its own: add `ns = \"...\"`"),
                );
            }
        }
    }
    let body = match &input.data {
        Data::Struct(s) => {
            let fields = model::read_fields(&s.fields, &mut errors);
            if c.name.is_none() {
                // After an error in the attribute, the name may be what it hid.
                if !errors.any() {
                    errors.at(input.ident.span(), "say the element's name: `#[payload(name = \"...\")]`");
                }
                return Err(errors.finish().expect_err("an error was reported"));
            }
            let has_name_field = fields.iter().any(|f| matches!(f.kind, Kind::ElementName));
            if has_name_field && c.names.len() < 2 {
                errors.at(
                    input.ident.span(),
                    "an `element_name` field is for a type of several names: give `name` twice or more",
                );
            }
            if !has_name_field && c.names.len() > 1 {
                errors.at(
                    c.names[1].span(),
                    "a type of several names keeps which one it read: add an `#[payload(element_name)]` field \
                     (a `#[derive(Value)]` enum of the names)",
                );
            }
            errors.finish()?;
            struct_impl(ty, &c.names, &s.fields, &fields)
        }
        Data::Enum(e) => {
            let variants = read_variants(e, &mut errors);
            if variants.is_empty() {
                errors.at(input.ident.span(), "an enum payload needs at least one variant");
            }
            if let Some(second) = variants.iter().filter(|v| matches!(v.kind, VariantKind::Other)).nth(1) {
                errors.at(second.ident.span(), "an enum payload has at most one `other` variant: this is the second");
            }
            errors.finish()?;
            enum_impl(ty, &c, &variants)
        }
        Data::Union(u) => {
            return Err(syn::Error::new(u.union_token.span, "`#[derive(Payload)]` is for structs and enums"));
        }
    };
    let Body { parse, write, is_child, first_name } = body;
    // A further condition of the user's: several types of one element name
    // (XEP-0060's `<pubsub/>` of a subscribe and of an items request).
    let is_child = match &c.is_mine {
        Some(path) => {
            let span = path.span();
            let condition = quote_spanned!(span=> {
                let __is_mine: fn(&__d::XmlElement) -> bool = #path;
                __is_mine(__c)
            });
            quote!((#is_child) && #condition)
        }
        None => is_child,
    };
    let check = match &c.check {
        Some(path) => {
            let span = path.span();
            quote_spanned!(span=> {
                let __check: fn(Self) -> ::core::result::Result<Self, __d::Error> = #path;
                __check(__value)
            })
        }
        None => quote!(::core::result::Result::Ok(__value)),
    };
    let imp = match &c.ns {
        Some(ns) => quote! {
            impl __d::Payload for #ty {
                const NAME: &'static str = #first_name;
                const NS: &'static str = #ns;
                fn is_mine(__c: &__d::XmlElement) -> bool {
                    let __ns: &str = <Self as __d::Payload>::NS;
                    #is_child
                }
                fn parse(__e: &__d::XmlElement) -> ::core::result::Result<Self, __d::Error> {
                    let __ns: &str = <Self as __d::Payload>::NS;
                    let __value = { #parse }?;
                    #check
                }
                fn to_element(&self) -> __d::XmlElement {
                    let __ns: &'static str = <Self as __d::Payload>::NS;
                    #write
                }
            }
        },
        None => {
            quote! {
                impl __d::Child for #ty {
                    const ELEMENT: &'static str = #first_name;
                    fn is_child(__c: &__d::XmlElement, __parent_ns: &str) -> bool {
                        let __ns: &str = __parent_ns;
                        #is_child
                    }
                    fn parse_child(__e: &__d::XmlElement, __parent_ns: &str) -> ::core::result::Result<Self, __d::Error> {
                        let __ns: &str = __parent_ns;
                        let __value = { #parse }?;
                        #check
                    }
                    fn to_child(&self, __parent_ns: &'static str) -> __d::XmlElement {
                        let __ns: &'static str = __parent_ns;
                        #write
                    }
                }
            }
        }
    };
    let markers = [(c.get, "IqGetPayload"), (c.set, "IqSetPayload"), (c.result, "IqResultPayload")]
        .into_iter()
        .filter(|(set, _)| set.is_some())
        .map(|(_, name)| {
            let name = Ident::new(name, Span::call_site());
            quote!(impl __d::#name for #ty {})
        });
    Ok(quote! {
        #[allow(
            clippy::all,
            clippy::pattern_type_mismatch,
            deprecated,
            unused_mut,
            unused_variables,
            unused_qualifications,
            non_snake_case
        )]
        const _: () = {
            use #krate::__derive as __d;
            #imp
            #(#markers)*
        };
    })
}

trait SpanOr {
    fn span_or(&self, ident: &Ident) -> Span;
}

impl SpanOr for syn::Generics {
    fn span_or(&self, ident: &Ident) -> Span {
        self.lt_token.map_or(ident.span(), |t| t.span)
    }
}

/// The pieces of an impl: a parser (an expression of type `Result<Self,
/// Error>` given `__e` and `__ns`, the namespace of the element's parent
/// or its own), a writer (an expression of type `Element` given `__ns`),
/// the recognizer (a `bool` given `__c` and `__ns`), and the first name.
struct Body {
    parse: TokenStream,
    write: TokenStream,
    is_child: TokenStream,
    first_name: TokenStream,
}

fn struct_impl(ty: &Ident, names: &[LitStr], shape: &Fields, fields: &[Field]) -> Body {
    let construct = |values: TokenStream| match shape {
        Fields::Named(_) | Fields::Unnamed(_) => quote!(#ty { #values }),
        Fields::Unit => quote!(#ty),
    };
    let first = &names[0];
    let bind = bind_fields(fields);
    if names.len() == 1 {
        let parse = parse_fields(&quote!(#first), fields, &construct);
        let write_fields = write_fields(&quote!(#first), fields);
        return Body {
            parse,
            write: quote!({ let #ty #bind = self; #write_fields }),
            is_child: quote!(__c.name() == #first && __c.ns() == __ns),
            first_name: quote!(#first),
        };
    }
    // Several names: errors name the element by the name it has, and the
    // writer uses the `element_name` field's (or else the first name).
    let parse = parse_fields(&quote!(__element), fields, &construct);
    let written = match fields.iter().position(|f| matches!(f.kind, Kind::ElementName)) {
        Some(i) => {
            let v = format_ident!("__f{}", i);
            let (_, write) = value_fns(&fields[i]);
            quote!(__d::element_name(&[#(#names),*], #write(#v)))
        }
        None => quote!(#first),
    };
    let write_fields = write_fields(&quote!(__element), fields);
    Body {
        parse: quote! {{
            let __element: &'static str = match __e.name() { #(#names => #names,)* _ => #first };
            #parse
        }},
        write: quote!({ let #ty #bind = self; let __element = #written; #write_fields }),
        is_child: quote!(__c.ns() == __ns && ::core::matches!(__c.name(), #(#names)|*)),
        first_name: quote!(#first),
    }
}

/// `{ a: __f0, b: __f1 }` (or `(__f0, __f1)`, or nothing): a pattern that
/// binds each field by reference.
fn bind_fields(fields: &[Field]) -> TokenStream {
    let binds = fields.iter().enumerate().map(|(i, f)| {
        let var = format_ident!("__f{}", i);
        let member = &f.member;
        quote!(#member: #var)
    });
    if fields.is_empty() { quote!() } else { quote!({ #(#binds),* }) }
}

/// The function that reads one value from text, and the one that writes it.
fn value_fns(f: &Field) -> (TokenStream, TokenStream) {
    let inner = &f.inner;
    match &f.with {
        // Errors about the adapter point at it.
        Some(path) => {
            let span = path.span();
            (quote_spanned!(span=> #path::from_value), quote_spanned!(span=> #path::to_value))
        }
        None => {
            let span = f.ty_span;
            (
                quote_spanned!(span=> <#inner as __d::Value>::from_value),
                quote_spanned!(span=> <#inner as __d::Value>::to_value),
            )
        }
    }
}

/// The function that writes one value as an attribute value (`XmlStr`).
fn attr_value_fn(f: &Field) -> TokenStream {
    let inner = &f.inner;
    match &f.with {
        Some(path) => {
            let span = path.span();
            quote_spanned!(span=> (|__x| __d::owned(#path::to_value(__x))))
        }
        None => {
            let span = f.ty_span;
            quote_spanned!(span=> <#inner as __d::Value>::to_xml_str)
        }
    }
}

/// `<T as Child>`, with errors pointing at the field's type.
fn as_child(ty: &syn::Type, span: Span) -> TokenStream {
    quote_spanned!(span=> <#ty as __d::Child>)
}

/// The namespace of a named child of this field (its own `ns`, or the element's).
fn child_ns(f: &Field) -> TokenStream {
    match &f.ns {
        Some(ns) => quote!((#ns)),
        None => quote!(__ns),
    }
}

/// The parser of an element's attributes and children into fields: a block
/// whose value is `Result<Self, Error>`. In scope: `__e` (the element).
fn parse_fields(
    element: &TokenStream,
    fields: &[Field],
    construct: &dyn Fn(TokenStream) -> TokenStream,
) -> TokenStream {
    if fields.is_empty() {
        let value = construct(quote!());
        return quote!(__d::empty(__e, #element).map(|()| #value));
    }
    let lenient = fields.iter().any(|f| matches!(f.kind, Kind::Malformed));
    let keeps = fields.iter().any(|f| matches!(f.kind, Kind::Unknown));
    let has_text = fields.iter().any(|f| matches!(f.kind, Kind::Text));
    let var = |i: usize| format_ident!("__f{}", i);

    // What to do with an error: report it and keep the part (lenient), or fail.
    let fail = |optional: bool, error: TokenStream, keep: TokenStream| {
        if lenient && optional {
            quote!({ __malformed.push(#error); #keep })
        } else {
            quote!(return ::core::result::Result::Err(#error))
        }
    };
    let keep_attr = quote!(__unknown.attributes.push(__a.clone()););
    let keep_child = quote!(__unknown.children.push(__c.clone()););

    let mut decls = Vec::new();
    let mut attr_arms = Vec::new();
    let mut child_arms = Vec::new();
    let mut finish = Vec::new();
    let mut members = Vec::new();
    for (i, f) in fields.iter().enumerate() {
        let v = var(i);
        let member = &f.member;
        members.push(quote!(#member: #v));
        let inner = &f.inner;
        let (read, _) = value_fns(f);
        match &f.kind {
            Kind::Attr { name } => {
                decls.push(quote!(let mut #v: ::core::option::Option<#inner> = ::core::option::Option::None;));
                let pattern = match &f.ns {
                    None => quote!((::core::option::Option::None, #name)),
                    Some(ns) => quote!((::core::option::Option::Some(__ans), #name) if __ans == (#ns)),
                };
                let error = quote!(__d::attribute_error(#element, #name, __a.value(), __err));
                let on_error = fail(f.optional(), error, keep_attr.clone());
                attr_arms.push(quote! {
                    #pattern => match #read(__a.value()) {
                        ::core::result::Result::Ok(__x) => #v = ::core::option::Option::Some(__x),
                        ::core::result::Result::Err(__err) => #on_error,
                    },
                });
                finish.push(match (f.shape, f.default) {
                    (Shape::One, false) => quote! {
                        let #v = match #v {
                            ::core::option::Option::Some(__x) => __x,
                            ::core::option::Option::None => {
                                return ::core::result::Result::Err(__d::missing_attribute(#element, #name));
                            }
                        };
                    },
                    (Shape::One, true) => {
                        let span = f.default_span.unwrap_or(f.ty_span);
                        quote_spanned!(span=> let #v = #v.unwrap_or_default();)
                    }
                    _ => quote!(),
                });
            }
            Kind::Text => {
                let value = quote!(__d::text_value(#element, &__text, #read));
                finish.push(match f.shape {
                    Shape::One => quote! {
                        let __text = __e.text();
                        let #v = #value?;
                    },
                    // No text, or whitespace that is not a value: `None`.
                    _ => quote! {
                        let __text = __e.text();
                        let #v = if __text.is_empty() {
                            ::core::option::Option::None
                        } else {
                            match #read(&__text) {
                                ::core::result::Result::Ok(__x) => ::core::option::Option::Some(__x),
                                ::core::result::Result::Err(_) if __d::is_whitespace(&__text) => ::core::option::Option::None,
                                ::core::result::Result::Err(__err) => {
                                    return ::core::result::Result::Err(__d::text_error(#element, &__text, __err));
                                }
                            }
                        };
                    },
                });
            }
            Kind::Child | Kind::ChildText { .. } | Kind::ChildAttr { .. } => {
                let (test, read_child, child_name) = match &f.kind {
                    Kind::Child => {
                        let child = as_child(inner, f.ty_span);
                        (
                            quote!(#child::is_child(__c, __ns)),
                            quote!(#child::parse_child(__c, __ns)),
                            quote!(#child::ELEMENT),
                        )
                    }
                    Kind::ChildText { name } => {
                        let ns = child_ns(f);
                        (
                            quote!(__c.name() == #name && __c.ns() == #ns),
                            quote!(__d::leaf_text(__c, #name).and_then(|__t| __d::text_value(#name, &__t, #read))),
                            quote!(#name),
                        )
                    }
                    Kind::ChildAttr { name, attr } => {
                        let ns = child_ns(f);
                        (
                            quote!(__c.name() == #name && __c.ns() == #ns),
                            if lenient {
                                quote!(__d::child_attribute_lenient(__c, #name, #attr, #read, &mut __malformed))
                            } else {
                                quote!(__d::child_attribute(__c, #name, #attr, #read))
                            },
                            quote!(#name),
                        )
                    }
                    _ => unreachable!("matched above"),
                };
                let on_error = fail(f.shape != Shape::One, quote!(__err), keep_child.clone());
                // A lenient payload reports what a value child carries beyond its value.
                let extra = match (&f.kind, lenient) {
                    (Kind::ChildText { name }, true) => {
                        extra_attributes(name, quote!(::core::option::Option::None), false)
                    }
                    (Kind::ChildAttr { name, attr }, true) => {
                        extra_attributes(name, quote!(::core::option::Option::Some(#attr)), false)
                    }
                    _ => quote!(),
                };
                let duplicate = match &f.kind {
                    Kind::Child => quote!(__d::duplicate_child(#element, #child_name, __c)),
                    _ => quote!(__d::duplicate(#element, #child_name)),
                };
                match f.shape {
                    Shape::Vec => {
                        decls.push(quote!(let mut #v: ::std::vec::Vec<#inner> = ::std::vec::Vec::new();));
                        child_arms.push(quote! {
                            if #test {
                                match #read_child {
                                    ::core::result::Result::Ok(__x) => { #v.push(__x); #extra }
                                    ::core::result::Result::Err(__err) => #on_error,
                                }
                            }
                        });
                    }
                    Shape::One | Shape::Option => {
                        // A second one is a duplicate even when the first could not be read.
                        let seen = format_ident!("__seen{}", i);
                        decls.push(quote!(let mut #v: ::core::option::Option<#inner> = ::core::option::Option::None;));
                        decls.push(quote!(let mut #seen = false;));
                        let on_duplicate = fail(true, duplicate, keep_child.clone());
                        child_arms.push(quote! {
                            if #test {
                                if #seen {
                                    #on_duplicate
                                } else {
                                    #seen = true;
                                    match #read_child {
                                        ::core::result::Result::Ok(__x) => { #v = ::core::option::Option::Some(__x); #extra }
                                        ::core::result::Result::Err(__err) => #on_error,
                                    }
                                }
                            }
                        });
                        if f.shape == Shape::One {
                            finish.push(quote! {
                                let #v = match #v {
                                    ::core::option::Option::Some(__x) => __x,
                                    ::core::option::Option::None => {
                                        return ::core::result::Result::Err(__d::missing_child(#element, #child_name));
                                    }
                                };
                            });
                        }
                    }
                }
            }
            Kind::Flag { name } => {
                let ns = child_ns(f);
                let seen = format_ident!("__seen{}", i);
                decls.push(quote!(let mut #v = false;));
                decls.push(quote!(let mut #seen = false;));
                let on_duplicate = fail(true, quote!(__d::duplicate(#element, #name)), keep_child.clone());
                let on_error = fail(true, quote!(__err), keep_child.clone());
                let extra = if lenient {
                    extra_attributes(name, quote!(::core::option::Option::None), false)
                } else {
                    quote!()
                };
                child_arms.push(quote! {
                    if __c.name() == #name && __c.ns() == #ns {
                        if #seen {
                            #on_duplicate
                        } else {
                            #seen = true;
                            match __d::flag(__c, #name) {
                                ::core::result::Result::Ok(()) => { #v = true; #extra }
                                ::core::result::Result::Err(__err) => #on_error,
                            }
                        }
                    }
                });
            }
            Kind::Texts { name } => {
                let ns = child_ns(f);
                decls.push(quote!(let mut #v = __d::Texts::new();));
                let on_error = fail(true, quote!(__err), keep_child.clone());
                let extra =
                    if lenient { extra_attributes(name, quote!(::core::option::Option::None), true) } else { quote!() };
                child_arms.push(quote! {
                    if __c.name() == #name && __c.ns() == #ns {
                        match __d::add_text(&mut #v, __c, #element, #name, __e.lang()) {
                            ::core::result::Result::Ok(()) => { #extra }
                            ::core::result::Result::Err(__err) => #on_error,
                        }
                    }
                });
            }
            Kind::Unknown => finish.push(quote!(let #v = __unknown;)),
            Kind::Malformed => finish.push(quote!(let #v = __malformed;)),
            Kind::ElementName => finish.push(quote! {
                let #v = match #read(__e.name()) {
                    ::core::result::Result::Ok(__x) => __x,
                    ::core::result::Result::Err(_) => {
                        return ::core::result::Result::Err(__d::Error::Mismatch(::std::boxed::Box::new(__e.clone())));
                    }
                };
            }),
        }
    }

    if keeps {
        decls.push(quote!(let mut __unknown = __d::Unknown::new();));
    }
    if lenient {
        decls.push(quote!(let mut __malformed: ::std::vec::Vec<__d::Error> = ::std::vec::Vec::new();));
    }
    let attrs_loop = if attr_arms.is_empty() && !keeps {
        quote!()
    } else {
        let rest = if keeps { keep_attr.clone() } else { quote!({}) };
        quote! {
            for __a in __e.attrs() {
                match (__a.ns(), __a.name()) {
                    #(#attr_arms)*
                    _ => { #rest }
                }
            }
        }
    };
    let on_text = if has_text {
        quote!({})
    } else if lenient {
        // Kept (and reported once, below), so that a round trip loses nothing.
        quote!(if !__d::is_whitespace(__t) {
            __unknown.text.push_str(__t);
        })
    } else {
        let error = quote!(__d::stray_text(#element, __t));
        let on = fail(true, error, quote!());
        quote!(if !__d::is_whitespace(__t) { #on })
    };
    let on_unknown_child = if keeps {
        let report = if lenient {
            quote!(if __c.ns() == __ns { __malformed.push(__d::unexpected(#element, __c)); })
        } else {
            quote!()
        };
        quote!({ #report #keep_child })
    } else {
        quote!({ return ::core::result::Result::Err(__d::unexpected(#element, __c)); })
    };
    let report_text = if lenient && !has_text {
        quote! {
            if !__unknown.text.is_empty() {
                __malformed.push(__d::stray_text(#element, &__unknown.text));
            }
        }
    } else {
        quote!()
    };
    let value = construct(quote!(#(#members),*));
    quote! {{
        let __ns: &str = __e.ns();
        #(#decls)*
        #attrs_loop
        for __node in __e.nodes() {
            match __node {
                __d::XmlNode::Text(__t) => #on_text,
                __d::XmlNode::Element(__c) => {
                    #(#child_arms else)* #on_unknown_child
                }
            }
        }
        #report_text
        #(#finish)*
        ::core::result::Result::Ok::<_, __d::Error>(#value)
    }}
}

/// Reports (in `__malformed`) every attribute of the value child `__c`
/// that it does not read.
fn extra_attributes(name: &LitStr, read: TokenStream, lang: bool) -> TokenStream {
    quote!(__d::extra_attributes(__c, #name, #read, #lang, &mut __malformed);)
}

/// The writer of an element from fields bound by [`bind_fields`]: a block
/// whose value is the element. In scope: `__ns` (`&'static str`, the
/// element's namespace).
fn write_fields(element: &TokenStream, fields: &[Field]) -> TokenStream {
    let var = |i: usize| format_ident!("__f{}", i);
    let mut attrs = Vec::new();
    let mut texts = Vec::new();
    let mut children = Vec::new();
    let mut unknown = None;
    for (i, f) in fields.iter().enumerate() {
        let v = var(i);
        let (_, write) = value_fns(f);
        let ns = child_ns(f);
        let each = |body: TokenStream| match f.shape {
            Shape::One => quote!({ let __x = #v; #body }),
            Shape::Option => quote!(if let ::core::option::Option::Some(__x) = #v { #body }),
            Shape::Vec => quote!(for __x in #v { #body }),
        };
        match &f.kind {
            Kind::Attr { name } => {
                let attr_ns = match &f.ns {
                    Some(ns) => quote!(::core::option::Option::Some(#ns)),
                    None => quote!(::core::option::Option::None),
                };
                let write = attr_value_fn(f);
                let set = quote!(__d::set_attribute(&mut __out, #attr_ns, #name, #write(__x)););
                let span = f.default_span.unwrap_or(f.ty_span);
                let default = quote_spanned!(span=> ::core::default::Default::default());
                attrs.push(if f.default { quote!(if *#v != #default { let __x = #v; #set }) } else { each(set) });
            }
            Kind::Text => texts.push(each(quote!(__out.push_text(&*#write(__x));))),
            Kind::ChildText { name } => {
                children.push(each(quote!(__d::push_text_child(&mut __out, #name, #ns, &#write(__x));)))
            }
            Kind::ChildAttr { name, attr } => {
                let write = attr_value_fn(f);
                children.push(each(quote!(__d::push_attribute_child(&mut __out, #name, #ns, #attr, #write(__x));)))
            }
            Kind::Child => {
                let child = as_child(&f.inner, f.ty_span);
                children.push(each(quote!(__out.push_child(#child::to_child(__x, __ns));)))
            }
            Kind::Flag { name } => {
                children.push(quote!(if *#v { __out.push_child(__d::XmlElement::new(#name, #ns)); }))
            }
            Kind::Texts { name } => children.push(quote!(__d::push_texts(&mut __out, #v, #name, #ns);)),
            Kind::Unknown => unknown = Some(v),
            Kind::Malformed | Kind::ElementName => {}
        }
    }
    let (unknown_attrs, unknown_children) = match unknown {
        Some(v) => (
            // A kept attribute never overrides a field's (one mended after a lenient parse).
            quote!(for __a in &#v.attributes {
                if __out.attr_ns(__a.ns(), __a.name()).is_none() {
                    __out.set_attribute(__a.clone());
                }
            }),
            quote! {
                if !#v.text.is_empty() {
                    __out.push_text(&#v.text);
                }
                for __c in &#v.children {
                    __out.push_child(__c.clone());
                }
            },
        ),
        None => (quote!(), quote!()),
    };
    quote! {{
        let mut __out = __d::XmlElement::new(#element, __ns);
        #(#attrs)*
        #unknown_attrs
        #(#texts)*
        #(#children)*
        #unknown_children
        __out
    }}
}

enum VariantKind {
    /// An element of this name: unit (empty) or with fields.
    Named { name: LitStr, fields: Vec<Field>, shape: Fields },
    /// A child type's element: `V(T)`.
    Newtype(syn::Type),
    /// Any other element of the namespace, kept: `V(Element)`.
    Other,
}

struct Variant {
    ident: Ident,
    kind: VariantKind,
}

fn read_variants(e: &syn::DataEnum, errors: &mut Errors) -> Vec<Variant> {
    let mut out = Vec::new();
    for v in &e.variants {
        let attrs = model::read_variant(&v.attrs, errors);
        let kind = if attrs.other {
            match &v.fields {
                Fields::Unnamed(f)
                    if f.unnamed.len() == 1
                        && matches!(&f.unnamed[0].ty, syn::Type::Path(p) if p.path.segments.last().is_some_and(|s| s.ident == "Element")) =>
                {
                    VariantKind::Other
                }
                _ => {
                    errors.at(
                        v.fields.span(),
                        "the `other` variant keeps the element as it came: `Other(jabber_stream::Element)`",
                    );
                    continue;
                }
            }
        } else {
            match &v.fields {
                Fields::Unnamed(f) if f.unnamed.len() == 1 && f.unnamed[0].attrs.is_empty() => {
                    if let Some(name) = &attrs.name {
                        errors.at(name.span(), "a `V(T)` variant takes its element name from `T`; remove `name`");
                    }
                    VariantKind::Newtype(f.unnamed[0].ty.clone())
                }
                fields => {
                    let name = attrs.name.unwrap_or_else(|| LitStr::new(&model::kebab(&v.ident), v.ident.span()));
                    let read = model::read_fields(fields, errors);
                    VariantKind::Named { name, fields: read, shape: fields.clone() }
                }
            }
        };
        out.push(Variant { ident: v.ident.clone(), kind });
    }
    out
}

/// An enum: a choice between elements (no container `name`), or an element
/// `name` holding one of them (with a container `name`).
fn enum_impl(ty: &Ident, c: &Container, variants: &[Variant]) -> Body {
    // The recognizer of one variant's element, given `__c` and `__ns` (the
    // namespace the variants are in).
    let test = |v: &Variant| match &v.kind {
        VariantKind::Named { name, .. } => quote!(__c.name() == #name && __c.ns() == __ns),
        VariantKind::Newtype(t) => {
            let child = as_child(t, t.span());
            quote!(#child::is_child(__c, __ns))
        }
        VariantKind::Other => quote!(__c.ns() == __ns),
    };
    let tests: Vec<TokenStream> = variants.iter().map(test).collect();
    let first_name = match variants.iter().find(|v| !matches!(v.kind, VariantKind::Other)).map(|v| &v.kind) {
        Some(VariantKind::Named { name, .. }) => quote!(#name),
        Some(VariantKind::Newtype(t)) => quote!(<#t as __d::Child>::ELEMENT),
        _ => quote!("*"),
    };
    // The parser of `__c` as a variant (a `Result<Self, Error>`), in order.
    let parsers: Vec<TokenStream> = variants
        .iter()
        .map(|v| {
            let ident = &v.ident;
            match &v.kind {
                VariantKind::Named { name, fields, shape } => {
                    let construct = |values: TokenStream| match shape {
                        Fields::Unit => quote!(#ty::#ident),
                        _ => quote!(#ty::#ident { #values }),
                    };
                    let parse = parse_fields(&quote!(#name), fields, &construct);
                    quote!({ let __e = __c; #parse })
                }
                VariantKind::Newtype(t) => {
                    quote!(<#t as __d::Child>::parse_child(__c, __ns).map(#ty::#ident))
                }
                VariantKind::Other => quote!(::core::result::Result::Ok(#ty::#ident(::core::clone::Clone::clone(__c)))),
            }
        })
        .collect();
    // The writer of each variant's element, given `__ns`.
    let writers: Vec<TokenStream> = variants
        .iter()
        .map(|v| {
            let ident = &v.ident;
            match &v.kind {
                VariantKind::Named { name, fields, shape } => {
                    let bind = match shape {
                        Fields::Unit => quote!(),
                        _ => bind_fields(fields),
                    };
                    let write = write_fields(&quote!(#name), fields);
                    quote!(#ty::#ident #bind => #write)
                }
                VariantKind::Newtype(_) => quote!(#ty::#ident(__x) => __d::Child::to_child(__x, __ns)),
                VariantKind::Other => quote!(#ty::#ident(__x) => ::core::clone::Clone::clone(__x)),
            }
        })
        .collect();
    let dispatch = |otherwise: TokenStream| {
        quote! {
            #(if #tests { #parsers } else)* { #otherwise }
        }
    };
    match &c.name {
        // A choice: the element is one of the variants'.
        None => {
            let parse = dispatch(quote!(::core::result::Result::Err(__d::unexpected(#first_name, __e))));
            Body {
                parse: quote!({ let __c = __e; #parse }),
                write: quote!(match self { #(#writers,)* }),
                is_child: quote!(#(#tests)||*),
                first_name,
            }
        }
        // A wrapper: `<name>` holding exactly one of the variants' elements.
        Some(name) => {
            let parse = dispatch(quote!(::core::result::Result::Err(__d::unexpected(#name, __c))));
            Body {
                parse: quote! {{
                    let __ns: &str = __e.ns();
                    let mut __one: ::core::option::Option<&__d::XmlElement> = ::core::option::Option::None;
                    for __node in __e.nodes() {
                        match __node {
                            __d::XmlNode::Text(__t) => if !__d::is_whitespace(__t) {
                                return ::core::result::Result::Err(__d::stray_text(#name, __t));
                            },
                            __d::XmlNode::Element(__c) => {
                                if __one.is_some() {
                                    return ::core::result::Result::Err(__d::unexpected(#name, __c));
                                }
                                __one = ::core::option::Option::Some(__c);
                            }
                        }
                    }
                    match __one {
                        ::core::option::Option::None => ::core::result::Result::Err(__d::missing_child(#name, #first_name)),
                        ::core::option::Option::Some(__c) => #parse,
                    }
                }},
                write: quote! {{
                    let mut __wrapper = __d::XmlElement::new(#name, __ns);
                    __wrapper.push_child(match self { #(#writers,)* });
                    __wrapper
                }},
                is_child: quote!(__c.name() == #name && __c.ns() == __ns),
                first_name: quote!(#name),
            }
        }
    }
}
