//! A payload of your own, on the public API only: the PVR namespace of the seed talk ("Extending
//! Jabber"). `cargo run --example pvr_payload`. The talk's slides carry two slips a strict parser
//! refuses: a comment (restricted XML, RFC 6120 §11.1) and `<end>...</start>`; both are mended here.

use jabber::stanza::parse::{no_text, unexpected};
use jabber::stanza::{Error, Iq, IqResultPayload, IqSetPayload, Payload};
use jabber::stream::Element;

const NS: &str = "http://ralphm.net/protocols/pvr";

/// `<pvr><record>...</record></pvr>` (iq set) or `<pvr><info>...</info></pvr>` (result).
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Pvr {
    Record { date: String, station: u32, program_id: u32 },
    Info { program_name: String, station_name: String, start: String, end: String },
}

/// The text of each named child of `e`, each required once.
fn fields<const N: usize>(e: &Element, names: [&'static str; N]) -> Result<[String; N], Error> {
    no_text(e, "pvr")?;
    let mut out = names.map(|_| None);
    for child in e.children() {
        let i = names.iter().position(|n| child.is(n, NS)).ok_or_else(|| unexpected("pvr", child))?;
        if out[i].replace(child.text().trim().to_owned()).is_some() {
            return Err(Error::DuplicateChild { element: "pvr", child: names[i] });
        }
    }
    if let Some(i) = out.iter().position(Option::is_none) {
        return Err(Error::MissingChild { element: "pvr", child: names[i] });
    }
    Ok(out.map(Option::unwrap_or_default)) // every field is present
}

impl Payload for Pvr {
    const NAME: &'static str = "pvr";
    const NS: &'static str = NS;

    fn parse(e: &Element) -> Result<Self, Error> {
        let inner = e.children().next().ok_or(Error::MissingChild { element: "pvr", child: "record" })?;
        let number = |s: String| s.parse().map_err(|_| Error::InvalidText { element: "pvr", text: s });
        if inner.is("record", NS) {
            let [date, station, program_id] = fields(inner, ["date", "station", "program_id"])?;
            Ok(Pvr::Record { date, station: number(station)?, program_id: number(program_id)? })
        } else if inner.is("info", NS) {
            let [program_name, station_name, start, end] =
                fields(inner, ["program_name", "station_name", "start", "end"])?;
            Ok(Pvr::Info { program_name, station_name, start, end })
        } else {
            Err(unexpected("pvr", inner))
        }
    }

    fn to_element(&self) -> Element {
        match self {
            Pvr::Record { date, station, program_id } => with_fields(
                "record",
                &[("date", date), ("station", &station.to_string()), ("program_id", &program_id.to_string())],
            ),
            Pvr::Info { program_name, station_name, start, end } => with_fields(
                "info",
                &[("program_name", program_name), ("station_name", station_name), ("start", start), ("end", end)],
            ),
        }
    }
}

/// `<pvr><name><field>value</field>...</name></pvr>`.
fn with_fields(name: &'static str, fields: &[(&'static str, &str)]) -> Element {
    let children = fields.iter().map(|(n, v)| Element::builder(*n, NS).text(v).build());
    Element::builder("pvr", NS).child(Element::builder(name, NS).children(children)).build()
}

impl IqSetPayload for Pvr {}
impl IqResultPayload for Pvr {}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    // The bot asks the PVR to record (the seed's "Conversation bot with PVR").
    let record = Pvr::Record { date: "20031016".into(), station: 36, program_id: 14 };
    let request = Iq::set("rec1", &record).with_to("pvr@home/pvr".parse()?);
    println!(">>> {}", request.to_element());
    // The PVR answers with what it will record.
    let answer: Element =
        "<iq xmlns='jabber:client' type='result' id='rec1' from='pvr@home/pvr' to='tvbot@home/tvbot'>\
        <pvr xmlns='http://ralphm.net/protocols/pvr'><info><program_name>The Matrix</program_name>\
        <station_name>SBS 6</station_name><start>20031016T20:35:00</start><end>20031016T22:05:00</end>\
        </info></pvr></iq>"
            .parse()?;
    let reply = Iq::parse(&answer)?;
    println!("<<< {answer}");
    if let Some(Ok(Pvr::Info { program_name, .. })) = reply.payload::<Pvr>() {
        println!("PVR programmed for '{program_name}'");
    }
    assert_eq!(request.payload::<Pvr>(), Some(Ok(record)));
    let broken: Element = format!("<pvr xmlns='{NS}'><record><date>20031016</date></record></pvr>").parse()?;
    assert!(matches!(Pvr::parse(&broken), Err(Error::MissingChild { child: "station", .. })));
    Ok(())
}
