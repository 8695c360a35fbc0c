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

    pub(crate) fn finish(self) -> syn::Result<()> {
        self.0.map_or(Ok(()), Err)
    }
}

/// The keys a container (struct or enum) accepts.
const CONTAINER_KEYS: &str = "`name`, `ns`, `get`, `set`, `result`, `check`, `crate`";
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
    pub(crate) get: bool,
    pub(crate) set: bool,
    pub(crate) result: bool,
    /// `fn(Self) -> Result<Self, Error>`, run after parsing.
    pub(crate) check: Option<Path>,
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
                        let name = checked_name(meta.value()?.parse()?)?;
                        c.name.get_or_insert_with(|| name.clone());
                        c.names.push(name);
                    }
                    "ns" => c.ns = Some(meta.value()?.parse()?),
                    "get" => c.get = true,
                    "set" => c.set = true,
                    "result" => c.result = true,
                    "check" => c.check = Some(meta.value()?.parse()?),
                    "crate" => c.krate = Some(meta.value()?.parse()?),
                    _ => {
                        return Err(meta.error(format!(
                            "unknown key `{}` for a payload type; expected one of {CONTAINER_KEYS}",
                            meta.path.to_token_stream()
                        )));
                    }
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
    pub(crate) with: Option<Path>,
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
    let mut out = String::new();
    for (i, c) in plain_name(ident).chars().enumerate() {
        if c.is_uppercase() {
            if i > 0 {
                out.push('-');
            }
            out.extend(c.to_lowercase());
        } else {
            out.push(c);
        }
    }
    out
}

/// A name given as `key = "name"`, or else the default.
fn name_or(meta: &syn::meta::ParseNestedMeta<'_>, default: &dyn Fn() -> Option<LitStr>) -> syn::Result<LitStr> {
    if meta.input.peek(syn::Token![=]) {
        checked_name(meta.value()?.parse()?)
    } else {
        default().ok_or_else(|| meta.error("a tuple field needs its name: `= \"...\"`")).and_then(checked_name)
    }
}

pub(crate) fn read_fields(fields: &Fields, errors: &mut Errors) -> Vec<Field> {
    let mut out = Vec::new();
    for (index, field) in fields.iter().enumerate() {
        let member = match &field.ident {
            Some(ident) => syn::Member::Named(ident.clone()),
            None => syn::Member::Unnamed(syn::Index::from(index)),
        };
        let default_name = || field.ident.as_ref().map(|i| LitStr::new(&plain_name(i), i.span()));
        let mut kind: Option<Kind> = None;
        let mut ns = None;
        let mut default = false;
        let mut with = None;
        let mut child_attr: Option<LitStr> = None;
        let mut attr_name: Option<LitStr> = None;
        let set = |kind_slot: &mut Option<Kind>, k: Kind, span: Span, errors: &mut Errors| {
            if kind_slot.is_some() {
                errors.at(span, "a field is read from one place: give only one of `attr`, `text`, `child`, ...");
            } else {
                *kind_slot = Some(k);
            }
        };
        for attr in field.attrs.iter().filter(|a| a.path().is_ident("payload")) {
            let result = attr.parse_nested_meta(|meta| {
                let key = meta.path.get_ident().map(Ident::to_string).unwrap_or_default();
                let span = meta.path.span();
                match key.as_str() {
                    "attr" => {
                        // `attr` alone or `attr = "name"`; after `child_attr`, the child's attribute.
                        let name = name_or(&meta, &default_name)?;
                        attr_name = Some(name);
                    }
                    "text" => set(&mut kind, Kind::Text, span, errors),
                    "child" => set(&mut kind, Kind::Child, span, errors),
                    "child_text" => {
                        set(&mut kind, Kind::ChildText { name: name_or(&meta, &default_name)? }, span, errors)
                    }
                    "child_attr" => child_attr = Some(name_or(&meta, &default_name)?),
                    "flag" => set(&mut kind, Kind::Flag { name: name_or(&meta, &default_name)? }, span, errors),
                    "texts" => set(&mut kind, Kind::Texts { name: name_or(&meta, &default_name)? }, span, errors),
                    "unknown" => set(&mut kind, Kind::Unknown, span, errors),
                    "malformed" => set(&mut kind, Kind::Malformed, span, errors),
                    "element_name" => set(&mut kind, Kind::ElementName, span, errors),
                    "ns" => ns = Some(meta.value()?.parse()?),
                    "default" => default = true,
                    "with" => with = Some(meta.value()?.parse()?),
                    _ => {
                        return Err(meta.error(format!(
                            "unknown key `{}` for a payload field; expected one of {FIELD_KEYS}",
                            meta.path.to_token_stream()
                        )));
                    }
                }
                Ok(())
            });
            if let Err(e) = result {
                errors.push(e);
            }
        }
        let span = field.span();
        match (child_attr, attr_name) {
            (Some(name), Some(attr)) => set(&mut kind, Kind::ChildAttr { name, attr }, span, errors),
            (Some(_), None) => errors.at(span, "`child_attr` needs the attribute to read: `attr = \"...\"`"),
            (None, Some(name)) => set(&mut kind, Kind::Attr { name }, span, errors),
            (None, None) => {}
        }
        let Some(kind) = kind else {
            errors.at(
                span,
                "say what this field is read from: `#[payload(attr)]`, `text`, `child`, `child_text`, \
                 `child_attr = \"..\", attr = \"..\"`, `flag`, `texts`, `unknown` or `malformed`",
            );
            continue;
        };
        let (shape, inner) = shape_of(&field.ty);
        let ty_name = last_segment(&field.ty).map(|(n, _)| n);
        let what = match &kind {
            Kind::Attr { .. } => "an attribute",
            Kind::Text => "the text",
            _ => "this field",
        };
        match &kind {
            Kind::ElementName if shape != Shape::One => {
                errors.at(field.ty.span(), "an `element_name` field is a `T: Value`, one of the type's names");
            }
            Kind::Attr { .. } | Kind::Text if shape == Shape::Vec => {
                errors.at(field.ty.span(), format!("{what} holds one value: use `T` or `Option<T>`, not `Vec<T>`"));
            }
            Kind::Flag { .. } if ty_name.as_deref() != Some("bool") => {
                errors.at(field.ty.span(), "a `flag` field is a `bool`: whether the empty child is present");
            }
            Kind::Texts { .. } if ty_name.as_deref() != Some("Texts") => {
                errors.at(field.ty.span(), "a `texts` field is a `jabber_stanza::Texts`");
            }
            Kind::Unknown if ty_name.as_deref() != Some("Unknown") => {
                errors.at(
                    field.ty.span(),
                    "an `unknown` field is a `jabber_stanza::Unknown`: it keeps attributes and children",
                );
            }
            Kind::Malformed if shape != Shape::Vec => {
                errors.at(field.ty.span(), "a `malformed` field is a `Vec<jabber_stanza::Error>`");
            }
            _ => {}
        }
        if default && !matches!(kind, Kind::Attr { .. }) {
            errors.at(span, "`default` applies to an attribute");
        } else if default && shape != Shape::One {
            errors.at(span, "`default` is for a `T` attribute; an `Option<T>` is `None` when absent");
        }
        if with.is_some()
            && !matches!(kind, Kind::Attr { .. } | Kind::Text | Kind::ChildText { .. } | Kind::ChildAttr { .. })
        {
            errors.at(span, "`with` applies to a value read from text: `attr`, `text`, `child_text`, `child_attr`");
        }
        if ns.is_some()
            && matches!(kind, Kind::Text | Kind::Child | Kind::Unknown | Kind::Malformed | Kind::ElementName)
        {
            errors.at(
                span,
                "`ns` applies to `attr`, `child_text`, `child_attr`, `flag` and `texts`; a `child` type has its own",
            );
        }
        out.push(Field { member, kind, shape, inner, ns, default, with });
    }
    // At most one of each gathering field, and `malformed` keeps its parts in `unknown`.
    for (what, pred) in [
        ("`unknown`", (|k: &Kind| matches!(k, Kind::Unknown)) as fn(&Kind) -> bool),
        ("`malformed`", |k| matches!(k, Kind::Malformed)),
        ("`text`", |k| matches!(k, Kind::Text)),
        ("`element_name`", |k| matches!(k, Kind::ElementName)),
    ] {
        if out.iter().filter(|f| pred(&f.kind)).count() > 1 {
            errors.at(fields.span(), format!("a payload has at most one {what} field"));
        }
    }
    let has = |pred: fn(&Kind) -> bool| out.iter().any(|f| pred(&f.kind));
    if has(|k| matches!(k, Kind::Malformed)) && !has(|k| matches!(k, Kind::Unknown)) {
        errors.at(
            fields.span(),
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
                "name" => v.name = Some(checked_name(meta.value()?.parse()?)?),
                "other" => v.other = true,
                _ => {
                    return Err(meta.error(format!(
                        "unknown key `{}` for a payload variant; expected one of {VARIANT_KEYS}",
                        meta.path.to_token_stream()
                    )));
                }
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
