// Correct use: the field kinds, a value enum, a child type without a namespace of its own, a
// choice enum, a wrapper enum and an iq payload, declared through `jabber_stanza` and round-tripped.
use jabber_jid::Jid;
use jabber_stanza::{Error, Iq, Payload, Texts, Value};
use jabber_stream::Element;

/// `<item jid='..' role='..'/>` in its parent's namespace.
#[derive(Debug, Clone, PartialEq, Payload)]
#[payload(name = "item")]
struct Item {
    #[payload(attr)]
    jid: Jid,
    #[payload(attr, default)]
    role: Role,
}

/// A value read from an attribute.
#[derive(Debug, Clone, Default, PartialEq, Value)]
enum Role {
    #[default]
    None,
    Visitor,
    #[value(name = "mod")]
    Moderator,
    #[value(other)]
    Other(String),
}

/// A choice of elements in the parent's namespace.
#[derive(Debug, Clone, PartialEq, Payload)]
enum Move {
    Pass,
    Play {
        #[payload(attr)]
        cell: u8,
    },
}

/// `<state>` holding exactly one of its variants' elements, or any other element of its namespace.
#[derive(Debug, Clone, PartialEq, Payload)]
#[payload(name = "state", ns = "urn:example:game")]
enum State {
    Waiting,
    Won(Winner),
    #[payload(other)]
    Other(Element),
}

/// `<winner>`, a tuple struct of one attribute.
#[derive(Debug, Clone, PartialEq, Payload)]
#[payload(name = "winner")]
struct Winner(#[payload(attr = "jid")] Jid);

/// Refuses a game of no players.
fn players(game: Game) -> Result<Game, Error> {
    match game.max_players {
        Some(0) => Err(Error::InvalidAttribute { element: "game", attribute: "max-players", value: "0".into() }),
        _ => Ok(game),
    }
}

/// `<game xmlns='urn:example:game'>`: a get request and a result.
#[derive(Debug, Clone, PartialEq, Payload)]
#[payload(name = "game", ns = "urn:example:game", get, result, check = players)]
struct Game {
    #[payload(attr)]
    id: String,
    #[payload(attr = "max-players")]
    max_players: Option<u32>,
    #[payload(attr = "lang", ns = "http://www.w3.org/XML/1998/namespace")]
    lang: Option<String>,
    #[payload(attr, with = jabber_stanza::value::display)]
    server: Option<std::net::Ipv4Addr>,
    #[payload(text)]
    note: Option<String>,
    #[payload(child)]
    items: Vec<Item>,
    #[payload(child)]
    last: Option<Move>,
    #[payload(child)]
    state: State,
    #[payload(child_text)]
    title: Option<String>,
    #[payload(child_text = "tag")]
    tags: Vec<String>,
    #[payload(child_attr = "owner", attr = "jid")]
    owner: Option<Jid>,
    #[payload(flag)]
    open: bool,
    #[payload(texts = "desc")]
    desc: Texts,
}

fn main() {
    let element: Element = "<game xmlns='urn:example:game' id='g1' max-players='4' xml:lang='en' server='10.0.0.1'>\
        <item jid='juliet@example.com' role='mod'/><item jid='romeo@example.net'/><item jid='nurse@example.com' role='cook'/>\
        <play cell='5'/><state><winner jid='juliet@example.com'/></state><title>Noughts</title><tag>a</tag><tag>b</tag>\
        <owner jid='nurse@example.com'/><open/><desc xml:lang='en'>A game</desc></game>"
        .parse()
        .unwrap();
    let game = Game::parse(&element).unwrap();
    assert_eq!(game.id, "g1");
    assert_eq!(game.max_players, Some(4));
    assert_eq!(game.lang.as_deref(), Some("en"));
    assert_eq!(game.server, Some(std::net::Ipv4Addr::new(10, 0, 0, 1)));
    assert_eq!(game.note, None);
    assert_eq!(game.items.len(), 3);
    assert_eq!(game.items[0].role, Role::Moderator);
    assert_eq!(game.items[1].role, Role::None);
    assert_eq!(game.items[2].role, Role::Other("cook".into()));
    assert_eq!(game.last, Some(Move::Play { cell: 5 }));
    assert!(matches!(&game.state, State::Won(Winner(jid)) if jid.as_str() == "juliet@example.com"));
    assert_eq!(game.title.as_deref(), Some("Noughts"));
    assert_eq!(game.tags, ["a", "b"]);
    assert_eq!(game.owner.as_ref().map(Jid::as_str), Some("nurse@example.com"));
    assert!(game.open);
    assert_eq!(game.desc.get(Some("en")), Some("A game"));
    assert_eq!(Game::parse(&game.to_element()), Ok(game.clone()));

    let zero: Element =
        "<game xmlns='urn:example:game' id='g2' max-players='0'><state><waiting/></state></game>".parse().unwrap();
    assert!(matches!(Game::parse(&zero), Err(Error::InvalidAttribute { attribute: "max-players", .. })));
    let stray: Element =
        "<game xmlns='urn:example:game' id='g3'><state><waiting/></state><bogus/></game>".parse().unwrap();
    assert!(matches!(Game::parse(&stray), Err(Error::UnexpectedChild { .. })));

    let other: Element = "<game xmlns='urn:example:game' id='g4'><state><draw/></state></game>".parse().unwrap();
    assert!(matches!(Game::parse(&other).unwrap().state, State::Other(e) if e.name() == "draw"));

    let iq = Iq::get("q1", &game);
    assert_eq!(iq.payload::<Game>(), Some(Ok(game)));
}
