//! What the `#[payload(...)]` attributes say, read and checked.

use proc_macro2::{Span, TokenStream};
use quote::ToTokens;
use syn::spanned::Spanned;
use syn::{Attribute, Expr, Fields, GenericArgument, Ident, LitStr, Path, PathArguments, Type};

/// Errors gathered while reading attributes: every one is reported, not
/// only the first.
#[derive(Default)]
pub(crate) struct Errors(Option<syn::Error>);

impl Errors {
    pub(crate) fn push(&mut self, error: syn::Error) {
        match &mut self.0 {
            Some(all) => all.combine(error),
            None => self.0 = Some(error),
        }
    }

    pub(crate) fn at(&mut self, span: Span, message: impl std::fmt::Display) {
        self.push(syn::Error::new(span, message));
    }

    /// Whether any error was reported.
    pub(crate) fn any(&self) -> bool {
        self.0.is_some()
    }

    pub(crate) fn finish(self) -> syn::Result<()> {
        self.0.map_or(Ok(()), Err)
    }
}

/// The keys a container (struct or enum) accepts.
const CONTAINER_KEYS: &str = "`name`, `ns`, `get`, `set`, `result`, `check`, `is_mine`, `crate`";
/// The keys a field accepts.
const FIELD_KEYS: &str = "`attr`, `text`, `child`, `child_text`, `child_attr`, `flag`, `texts`, `unknown`, \
                          `malformed`, `element_name` (what it is read from), and `ns`, `default`, `with`";
/// The keys a variant accepts.
const VARIANT_KEYS: &str = "`name`, `other`";

/// `#[payload(...)]` on the struct or enum.
#[derive(Default)]
pub(crate) struct Container {
    /// The element's name; `None` for an enum that is a choice of elements.
    pub(crate) name: Option<LitStr>,
    /// Every name, when `name` is given more than once (a struct of several names).
    pub(crate) names: Vec<LitStr>,
    /// The namespace; `None`: the parent's.
    pub(crate) ns: Option<Expr>,
    /// `get`, `set`, `result`: where each was written.
    pub(crate) get: Option<Span>,
    pub(crate) set: Option<Span>,
    pub(crate) result: Option<Span>,
    /// `fn(Self) -> Result<Self, Error>`, run after parsing.
    pub(crate) check: Option<Path>,
    /// `fn(&Element) -> bool`: a further condition for an element to be this type's.
    pub(crate) is_mine: Option<Path>,
    /// The path of `jabber_stanza`.
    pub(crate) krate: Option<Path>,
}

impl Container {
    pub(crate) fn read(attrs: &[Attribute], errors: &mut Errors) -> Container {
        let mut c = Container::default();
        for attr in attrs.iter().filter(|a| a.path().is_ident("payload")) {
            let result = attr.parse_nested_meta(|meta| {
                let key = meta.path.get_ident().map(Ident::to_string).unwrap_or_default();
                match key.as_str() {
                    "name" => {
                        let name = name_value(&meta, errors)?;
                        c.name.get_or_insert_with(|| name.clone());
                        c.names.push(name);
                    }
                    "ns" => c.ns = Some(meta.value()?.parse()?),
                    "get" => c.get = Some(meta.path.span()),
                    "set" => c.set = Some(meta.path.span()),
                    "result" => c.result = Some(meta.path.span()),
                    "check" => c.check = Some(meta.value()?.parse()?),
                    "is_mine" => c.is_mine = Some(meta.value()?.parse()?),
                    "crate" => c.krate = Some(meta.value()?.parse()?),
                    _ => return Err(unknown_key(&meta, "a payload type", CONTAINER_KEYS)),
                }
                Ok(())
            });
            if let Err(e) = result {
                errors.push(e);
            }
        }
        c
    }
}

/// How many values a field holds.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Shape {
    /// `T`: exactly one (required, or defaulted).
    One,
    /// `Option<T>`.
    Option,
    /// `Vec<T>`.
    Vec,
}

/// What a field is read from.
pub(crate) enum Kind {
    Attr {
        name: LitStr,
    },
    Text,
    Child,
    ChildText {
        name: LitStr,
    },
    ChildAttr {
        name: LitStr,
        attr: LitStr,
    },
    Flag {
        name: LitStr,
    },
    Texts {
        name: LitStr,
    },
    Unknown,
    Malformed,
    /// The element's own name, for a type of several names.
    ElementName,
}

pub(crate) struct Field {
    /// How the field is named in a struct literal: `name` or `0`.
    pub(crate) member: syn::Member,
    pub(crate) kind: Kind,
    pub(crate) shape: Shape,
    /// The type of one value (`T` of `Option<T>` and `Vec<T>`).
    pub(crate) inner: Type,
    pub(crate) ns: Option<Expr>,
    pub(crate) default: bool,
    /// Where `default` was written.
    pub(crate) default_span: Option<Span>,
    pub(crate) with: Option<Path>,
    /// Where the kind's key was written.
    pub(crate) key_span: Span,
    /// Where the field's type was written.
    pub(crate) ty_span: Span,
}

impl Field {
    pub(crate) fn optional(&self) -> bool {
        self.shape != Shape::One || self.default
    }
}

/// The last segment of a type path, and its one type argument if any.
fn last_segment(ty: &Type) -> Option<(String, Option<&Type>)> {
    let Type::Path(p) = ty else { return None };
    if p.qself.is_some() {
        return None;
    }
    let seg = p.path.segments.last()?;
    let arg = match &seg.arguments {
        PathArguments::AngleBracketed(a) if a.args.len() == 1 => match a.args.first() {
            Some(GenericArgument::Type(t)) => Some(t),
            _ => None,
        },
        _ => None,
    };
    Some((seg.ident.to_string(), arg))
}

fn shape_of(ty: &Type) -> (Shape, Type) {
    match last_segment(ty) {
        Some((name, Some(inner))) if name == "Option" => (Shape::Option, inner.clone()),
        Some((name, Some(inner))) if name == "Vec" => (Shape::Vec, inner.clone()),
        _ => (Shape::One, ty.clone()),
    }
}

/// An XML name written in the derive: checked for what an XML name cannot
/// hold, so that the mistake shows at compile time.
fn checked_name(lit: LitStr) -> syn::Result<LitStr> {
    let v = lit.value();
    let bad_start = v.starts_with(|c: char| c.is_ascii_digit() || matches!(c, '-' | '.'));
    if v.is_empty() || bad_start || v.chars().any(|c| c.is_whitespace() || "<>&'\"=/:!?".contains(c)) {
        return Err(syn::Error::new(lit.span(), format!("{v:?} is not an XML local name")));
    }
    Ok(lit)
}

/// A field's name as written, without `r#`.
pub(crate) fn plain_name(ident: &Ident) -> String {
    let s = ident.to_string();
    s.strip_prefix("r#").map(str::to_owned).unwrap_or(s)
}

/// `PresenceIn` -> `presence-in`: the default element or value name of a variant.
pub(crate) fn kebab(ident: &Ident) -> String {
    // A word starts at an upper-case letter after a lower-case one or a
    // digit, or at the last capital of an acronym: `XMLStream`: `xml-stream`.
    let chars: Vec<char> = plain_name(ident).chars().collect();
    let mut out = String::new();
    for (i, c) in chars.iter().enumerate() {
        if c.is_uppercase() && i > 0 {
            let prev = chars[i - 1];
            let next_lower = chars.get(i + 1).is_some_and(|n| n.is_lowercase());
            if prev.is_lowercase() || prev.is_ascii_digit() || (prev.is_uppercase() && next_lower) {
                out.push('-');
            }
        }
        out.extend(c.to_lowercase());
    }
    out
}

/// The name of `key = "name"`; one that is not an XML name is reported,
/// and kept so that no follow-up error says it is missing.
fn name_value(meta: &syn::meta::ParseNestedMeta<'_>, errors: &mut Errors) -> syn::Result<LitStr> {
    let lit: LitStr = meta.value()?.parse()?;
    if let Err(e) = checked_name(lit.clone()) {
        errors.push(e);
    }
    Ok(lit)
}

/// A name given as `key = "name"`, or else the default.
fn name_or(
    meta: &syn::meta::ParseNestedMeta<'_>,
    default: &dyn Fn() -> Option<LitStr>,
    errors: &mut Errors,
) -> syn::Result<LitStr> {
    if meta.input.peek(syn::Token![=]) {
        name_value(meta, errors)
    } else {
        let key = meta.path.to_token_stream();
        default().ok_or_else(|| meta.error(format!("a tuple field needs its name: `{key} = \"...\"`")))
    }
}

/// The error for an unknown key, with the nearest known one when it is a slip.
fn unknown_key(meta: &syn::meta::ParseNestedMeta<'_>, on: &str, expected: &str) -> syn::Error {
    let key = meta.path.to_token_stream().to_string();
    let known = expected.split('`').skip(1).step_by(2);
    let near = known.filter(|k| distance(k, &key) <= 2).min_by_key(|k| distance(k, &key));
    let hint = near.map(|k| format!(" (did you mean `{k}`?)")).unwrap_or_default();
    meta.error(format!("unknown key `{key}` for {on}{hint}; expected one of {expected}"))
}

/// The Levenshtein distance of two short ASCII words.
fn distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let here = row[j + 1];
            row[j + 1] = (prev + usize::from(ca != *cb)).min(row[j] + 1).min(here + 1);
            prev = here;
        }
    }
    row[b.len()]
}

pub(crate) fn read_fields(fields: &Fields, errors: &mut Errors) -> Vec<Field> {
    let mut out = Vec::new();
    for (index, field) in fields.iter().enumerate() {
        let member = match &field.ident {
            Some(ident) => syn::Member::Named(ident.clone()),
            None => syn::Member::Unnamed(syn::Index::from(index)),
        };
        let default_name = || field.ident.as_ref().map(|i| LitStr::new(&plain_name(i), i.span()));
        let mut errors_here = Errors::default();
        // The kind, with the key that gave it and where.
        let mut kind: Option<(Kind, String, Span)> = None;
        let mut ns: Option<(Expr, Span)> = None;
        let mut default: Option<Span> = None;
        let mut with: Option<(Path, Span)> = None;
        let mut child_attr: Option<(LitStr, Span)> = None;
        let mut attr_name: Option<(LitStr, Span)> = None;
        let set =
            |slot: &mut Option<(Kind, String, Span)>, k: Kind, key: &str, span: Span, errors: &mut Errors| match slot {
                Some((_, first, _)) => {
                    errors.at(span, format!("`{key}` and `{first}` both say where this field is read from: keep one"))
                }
                None => *slot = Some((k, key.to_owned(), span)),
            };
        for attr in field.attrs.iter().filter(|a| a.path().is_ident("payload")) {
            let result = attr.parse_nested_meta(|meta| {
                let key = meta.path.get_ident().map(Ident::to_string).unwrap_or_default();
                let span = meta.path.span();
                let e = &mut errors_here;
                match key.as_str() {
                    // `attr` alone or `attr = "name"`; after `child_attr`, the child's attribute.
                    "attr" => attr_name = Some((name_or(&meta, &default_name, e)?, span)),
                    "text" => set(&mut kind, Kind::Text, &key, span, e),
                    "child" => set(&mut kind, Kind::Child, &key, span, e),
                    "child_text" => {
                        let name = name_or(&meta, &default_name, e)?;
                        set(&mut kind, Kind::ChildText { name }, &key, span, e)
                    }
                    "child_attr" => child_attr = Some((name_or(&meta, &default_name, e)?, span)),
                    "flag" => {
                        let name = name_or(&meta, &default_name, e)?;
                        set(&mut kind, Kind::Flag { name }, &key, span, e)
                    }
                    "texts" => {
                        let name = name_or(&meta, &default_name, e)?;
                        set(&mut kind, Kind::Texts { name }, &key, span, e)
                    }
                    "unknown" => set(&mut kind, Kind::Unknown, &key, span, e),
                    "malformed" => set(&mut kind, Kind::Malformed, &key, span, e),
                    "element_name" => set(&mut kind, Kind::ElementName, &key, span, e),
                    "ns" => ns = Some((meta.value()?.parse()?, span)),
                    "default" => default = Some(span),
                    "with" => with = Some((meta.value()?.parse()?, span)),
                    _ => return Err(unknown_key(&meta, "a payload field", FIELD_KEYS)),
                }
                Ok(())
            });
            if let Err(e) = result {
                errors_here.push(e);
            }
        }
        match (child_attr, attr_name) {
            (Some((name, span)), Some((attr, _))) => {
                set(&mut kind, Kind::ChildAttr { name, attr }, "child_attr", span, &mut errors_here)
            }
            (Some((_, span)), None) => {
                errors_here.at(span, "`child_attr` needs the attribute to read: `attr = \"...\"`")
            }
            (None, Some((name, span))) => set(&mut kind, Kind::Attr { name }, "attr", span, &mut errors_here),
            (None, None) => {}
        }
        let field_had_errors = errors_here.any();
        if let Err(e) = errors_here.finish() {
            errors.push(e);
        }
        let Some((kind, key, key_span)) = kind else {
            // A field whose attribute was wrong has had its error.
            if !field_had_errors {
                errors.at(
                    field.ident.as_ref().map_or_else(|| field.ty.span(), Ident::span),
                    "say what this field is read from: `#[payload(attr)]`, `text`, `child`, `child_text`, \
                     `child_attr = \"..\", attr = \"..\"`, `flag`, `texts`, `unknown`, `malformed` or `element_name`",
                );
            }
            continue;
        };
        let (shape, inner) = shape_of(&field.ty);
        let ty_name = last_segment(&field.ty).map(|(n, _)| n);
        let inner_name = last_segment(&inner).map(|(n, _)| n);
        let ty_span = field.ty.span();
        match &kind {
            Kind::ElementName if shape != Shape::One => {
                errors.at(ty_span, "an `element_name` field is a `T: Value`, one of the type's names");
            }
            Kind::Attr { .. } | Kind::Text if shape == Shape::Vec => {
                errors.at(ty_span, format!("`{key}` holds one value: use `T` or `Option<T>`, not `Vec<T>`"));
            }
            Kind::Flag { .. } if ty_name.as_deref() != Some("bool") => {
                errors.at(ty_span, "a `flag` field is a `bool`: whether the empty child is present");
            }
            Kind::Texts { .. } if ty_name.as_deref() != Some("Texts") => {
                errors.at(ty_span, "a `texts` field is a `jabber_stanza::Texts`");
            }
            Kind::Unknown if ty_name.as_deref() != Some("Unknown") => {
                errors
                    .at(ty_span, "an `unknown` field is a `jabber_stanza::Unknown`: it keeps attributes and children");
            }
            Kind::Malformed if shape != Shape::Vec || inner_name.as_deref() != Some("Error") => {
                errors.at(ty_span, "a `malformed` field is a `Vec<jabber_stanza::Error>`");
            }
            _ => {}
        }
        if let Some(span) = default {
            if !matches!(kind, Kind::Attr { .. }) {
                errors.at(span, format!("`default` applies to an attribute, not to `{key}`"));
            } else if shape != Shape::One {
                errors.at(span, "`default` is for a `T` attribute; an `Option<T>` is `None` when absent");
            }
        }
        if let Some((_, span)) = &with
            && !matches!(
                kind,
                Kind::Attr { .. } | Kind::Text | Kind::ChildText { .. } | Kind::ChildAttr { .. } | Kind::ElementName
            )
        {
            errors.at(
                *span,
                format!("`with` reads a value from text (`attr`, `text`, `child_text`, `child_attr`), not `{key}`"),
            );
        }
        if let Some((_, span)) = &ns
            && matches!(kind, Kind::Text | Kind::Child | Kind::Unknown | Kind::Malformed | Kind::ElementName)
        {
            errors.at(
                *span,
                format!("`ns` applies to `attr`, `child_text`, `child_attr`, `flag` and `texts`, not `{key}` (a `child` type has its own)"),
            );
        }
        out.push(Field {
            member,
            kind,
            shape,
            inner,
            ns: ns.map(|(e, _)| e),
            default: default.is_some(),
            default_span: default,
            with: with.map(|(p, _)| p),
            key_span,
            ty_span,
        });
    }
    // At most one of each gathering field, and `malformed` keeps its parts in `unknown`.
    for (what, pred) in [
        ("`unknown`", (|k: &Kind| matches!(k, Kind::Unknown)) as fn(&Kind) -> bool),
        ("`malformed`", |k| matches!(k, Kind::Malformed)),
        ("`text`", |k| matches!(k, Kind::Text)),
        ("`element_name`", |k| matches!(k, Kind::ElementName)),
    ] {
        if let Some(second) = out.iter().filter(|f| pred(&f.kind)).nth(1) {
            errors.at(second.key_span, format!("a payload has at most one {what} field: this is the second"));
        }
    }
    let has = |pred: fn(&Kind) -> bool| out.iter().any(|f| pred(&f.kind));
    if let Some(malformed) = out.iter().find(|f| matches!(f.kind, Kind::Malformed))
        && !has(|k| matches!(k, Kind::Unknown))
    {
        errors.at(
            malformed.key_span,
            "a `malformed` field reports what is kept in an `unknown` field: add `#[payload(unknown)] unknown: Unknown`",
        );
    }
    out
}

/// `#[payload(...)]` on an enum variant.
#[derive(Default)]
pub(crate) struct VariantAttrs {
    pub(crate) name: Option<LitStr>,
    pub(crate) other: bool,
}

pub(crate) fn read_variant(attrs: &[Attribute], errors: &mut Errors) -> VariantAttrs {
    let mut v = VariantAttrs::default();
    for attr in attrs.iter().filter(|a| a.path().is_ident("payload")) {
        let result = attr.parse_nested_meta(|meta| {
            let key = meta.path.get_ident().map(Ident::to_string).unwrap_or_default();
            match key.as_str() {
                "name" => v.name = Some(name_value(&meta, errors)?),
                "other" => v.other = true,
                _ => return Err(unknown_key(&meta, "a payload variant", VARIANT_KEYS)),
            }
            Ok(())
        });
        if let Err(e) = result {
            errors.push(e);
        }
    }
    v
}

/// The path of `jabber_stanza` as the deriving crate names it: itself, a
/// renamed dependency, or through the `jabber` facade.
pub(crate) fn crate_path(explicit: Option<&Path>) -> TokenStream {
    use proc_macro_crate::{FoundCrate, crate_name};
    if let Some(path) = explicit {
        return path.to_token_stream();
    }
    let ident = |name: &str| Ident::new(name, Span::call_site());
    match crate_name("jabber-stanza") {
        Ok(FoundCrate::Itself) => quote::quote!(::jabber_stanza),
        Ok(FoundCrate::Name(name)) => {
            let name = ident(&name);
            quote::quote!(::#name)
        }
        Err(_) => match crate_name("jabber") {
            Ok(FoundCrate::Name(name)) => {
                let name = ident(&name);
                quote::quote!(::#name::stanza)
            }
            Ok(FoundCrate::Itself) => quote::quote!(::jabber::stanza),
            Err(_) => quote::quote!(::jabber_stanza),
        },
    }
}
