//! TBX-Basic export (ISO 30042:2019, DCA style), for translation tools that read termbases.
//!
//! One `conceptEntry` per entry, with a `langSec` for `en`, `zh-Hans` and `zh-Hant` where
//! the entry has that form, the domain as `subjectField` and the note as `note`. Export
//! only: the CSV format is Accord's own way back in.

use std::io::Write;

use rusqlite::Connection;

use super::{in_added_order, Term};
use crate::error::Result;
use crate::text::escape_markup as escape;

fn entry(out: &mut String, t: &Term) {
    out.push_str(&format!("      <conceptEntry id=\"t-{}\">\n", t.id));
    if let Some(domain) = &t.domain {
        out.push_str(&format!(
            "        <descrip type=\"subjectField\">{}</descrip>\n",
            escape(domain)
        ));
    }
    if let Some(note) = &t.note {
        out.push_str(&format!("        <note>{}</note>\n", escape(note)));
    }
    for (lang, form) in [
        ("en", Some(&t.en)),
        ("zh-Hans", t.zh_hans.as_ref()),
        ("zh-Hant", t.zh_hant.as_ref()),
    ] {
        if let Some(form) = form {
            out.push_str(&format!(
                "        <langSec xml:lang=\"{lang}\">\n          <termSec>\n            <term>{}</term>\n          </termSec>\n        </langSec>\n",
                escape(form)
            ));
        }
    }
    out.push_str("      </conceptEntry>\n");
}

/// Writes the whole termbase as a TBX-Basic document; returns how many entries.
pub fn export_tbx(conn: &Connection, mut writer: impl Write) -> Result<usize> {
    let terms = in_added_order(conn)?;
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
         <tbx type=\"TBX-Basic\" style=\"dca\" xml:lang=\"en\" xmlns=\"urn:iso:std:iso:30042:ed-2\">\n\
         \x20 <tbxHeader>\n\
         \x20   <fileDesc>\n\
         \x20     <sourceDesc>\n\
         \x20       <p>Accord termbase: English, Simplified and Traditional Chinese</p>\n\
         \x20     </sourceDesc>\n\
         \x20   </fileDesc>\n\
         \x20 </tbxHeader>\n\
         \x20 <text>\n\
         \x20   <body>\n",
    );
    for t in &terms {
        entry(&mut out, t);
    }
    out.push_str("    </body>\n  </text>\n</tbx>\n");
    writer.write_all(out.as_bytes())?;
    writer.flush()?;
    Ok(terms.len())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::Tx;
    use crate::termbase::tests::{conn, new, stamp};

    #[test]
    fn markup_in_terms_is_escaped() {
        assert_eq!(
            escape(r#"<b>&"x"'</b>"#),
            "&lt;b&gt;&amp;&quot;x&quot;&apos;&lt;/b&gt;"
        );
        let mut conn = conn();
        let tx = conn.transaction().unwrap();
        let mut hostile = new("</term><script>x</script>", "和解 & 调解", "和解");
        hostile.note = Some("]]> <!-- \"".into());
        crate::termbase::add(&Tx::new(&tx, &stamp()), hostile).unwrap();
        let mut out = Vec::new();
        let n = export_tbx(&tx, &mut out).unwrap();
        let xml = String::from_utf8(out).unwrap();
        assert!(n >= 150);
        assert!(!xml.contains("<script>"));
        assert!(xml.contains("<term>&lt;/term&gt;&lt;script&gt;x&lt;/script&gt;</term>"));
        assert!(xml.contains("<term>和解 &amp; 调解</term>"));
        assert!(xml.contains("<note>]]&gt; &lt;!-- &quot;</note>"));
        assert!(xml.contains("<langSec xml:lang=\"zh-Hant\">"));
        assert_eq!(xml.matches("<conceptEntry ").count(), n);
        assert_eq!(xml.matches("</conceptEntry>").count(), n);
    }
}
