//! The report as a list of blocks, rendered to Markdown and to self-contained HTML.
use std::fmt::Write;

/// A piece of the report.
#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    Heading(u8, String),
    /// A paragraph; inline markup: `**bold**`, `*emphasis*` and `` `code` ``.
    Para(String),
    List(Vec<String>),
    Table(Vec<String>, Vec<Vec<String>>),
    /// A chart: file name (PNG, embedded in HTML) and description.
    Image(String, String),
    /// A German quotation from the seed, with its citation.
    Quote(String, String),
    /// Links to reports in sub-folders: (label, folder); Markdown links `folder/report.md`,
    /// HTML `folder/report.html`.
    Reports(Vec<(String, String)>),
    /// A part the reader opens on demand: its one-line summary and its blocks (HTML
    /// `<details>`; Markdown shows the summary in bold and the blocks below it).
    Details(String, Vec<Block>),
    /// An inline SVG drawing made by the report (trusted markup) and its caption; Markdown
    /// shows the caption.
    Svg(String, String),
    /// An interactive part of the HTML page (trusted markup with its inline script), and
    /// what Markdown says in its place (a paragraph; empty for nothing).
    Interactive(String, String),
}

fn md_cell(text: &str) -> String {
    text.replace('|', "\\|").replace('\n', " ")
}

pub fn markdown(blocks: &[Block]) -> String {
    let mut out = String::new();
    push_markdown(&mut out, blocks);
    out
}

fn push_markdown(out: &mut String, blocks: &[Block]) {
    for b in blocks {
        match b {
            Block::Heading(level, text) => {
                let _ = writeln!(out, "{} {text}\n", "#".repeat(*level as usize));
            }
            Block::Para(text) => {
                let _ = writeln!(out, "{text}\n");
            }
            Block::List(items) => {
                for item in items {
                    let _ = writeln!(out, "- {item}");
                }
                out.push('\n');
            }
            Block::Table(header, rows) => {
                let _ = writeln!(out, "| {} |", header.iter().map(|h| md_cell(h)).collect::<Vec<_>>().join(" | "));
                let _ = writeln!(out, "|{}|", header.iter().map(|_| "---").collect::<Vec<_>>().join("|"));
                for r in rows {
                    let _ = writeln!(out, "| {} |", r.iter().map(|c| md_cell(c)).collect::<Vec<_>>().join(" | "));
                }
                out.push('\n');
            }
            Block::Image(file, alt) => {
                let _ = writeln!(out, "![{alt}]({file})\n");
            }
            Block::Quote(text, cite) => {
                let _ = writeln!(out, "> „{text}“ ({cite})\n");
            }
            Block::Reports(links) => {
                for (label, folder) in links {
                    let _ = writeln!(out, "- [{label}]({folder}/report.md)");
                }
                out.push('\n');
            }
            Block::Details(summary, inner) => {
                let _ = writeln!(out, "**{summary}**\n");
                push_markdown(out, inner);
            }
            Block::Svg(_, caption) => {
                let _ = writeln!(out, "*{caption}*\n");
            }
            Block::Interactive(_, text) if text.is_empty() => {}
            Block::Interactive(_, text) => {
                let _ = writeln!(out, "{text}\n");
            }
        }
    }
}

/// Escapes text for HTML and renders the inline Markdown the report's texts use, so that
/// no Markdown syntax shows in the page: `**x**` → <strong>, `*x*` → <em>, `` `x` `` →
/// <code> (nothing inside code is rendered). A marker without its partner stays as text.
fn inline(text: &str) -> String {
    let escaped = escape(text);
    let chars: Vec<char> = escaped.chars().collect();
    let closes = |from: usize, marker: char| chars[from..].contains(&marker);
    let (mut out, mut strong, mut em, mut i) = (String::new(), false, false, 0);
    while i < chars.len() {
        let next = chars.get(i + 1).copied();
        match chars[i] {
            '`' if closes(i + 1, '`') => {
                let end = i + 1 + chars[i + 1..].iter().position(|&c| c == '`').unwrap_or(0);
                let _ = write!(out, "<code>{}</code>", chars[i + 1..end].iter().collect::<String>());
                i = end + 1;
                continue;
            }
            '*' if next == Some('*') && (strong || chars[(i + 2).min(chars.len())..].windows(2).any(|w| w == ['*', '*'])) => {
                out.push_str(if strong { "</strong>" } else { "<strong>" });
                strong = !strong;
                i += 2;
                continue;
            }
            '*' if em || (next.is_some_and(|c| !c.is_whitespace() && c != '*') && closes(i + 1, '*')) => {
                out.push_str(if em { "</em>" } else { "<em>" });
                em = !em;
            }
            c => out.push(c),
        }
        i += 1;
    }
    out
}

/// `text` escaped for HTML text and attribute values (`&`, `<`, `>`, `"`).
pub(crate) fn escape(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

/// A page script with its data: `json` in a `<script type="application/json" id="{id}">`
/// (with "<" written as \u003c, so that no "</" in the data closes the element), then
/// `script` inline.
pub(crate) fn scripted(id: &str, json: &str, script: &str) -> String {
    format!("<script type=\"application/json\" id=\"{id}\">{}</script>\n<script>{script}</script>\n", json.replace('<', "\\u003c"))
}

fn anchor(text: &str) -> String {
    text.to_lowercase().chars().map(|c| if c.is_alphanumeric() { c } else { '-' }).collect()
}

/// A self-contained page: styles inline, images as data URIs from `image_bytes(file)`.
pub fn html(title: &str, blocks: &[Block], image_bytes: &dyn Fn(&str) -> Option<Vec<u8>>) -> String {
    let mut body = String::new();
    push_html(&mut body, blocks, image_bytes);
    format!(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n<main>\n{body}</main>\n</body>\n</html>\n",
        inline(title)
    )
}

/// Appends the HTML of `blocks` to `body`.
fn push_html(body: &mut String, blocks: &[Block], image_bytes: &dyn Fn(&str) -> Option<Vec<u8>>) {
    for b in blocks {
        match b {
            Block::Heading(level, text) => {
                let _ = writeln!(body, "<h{level} id=\"{}\">{}</h{level}>", anchor(text), inline(text));
            }
            Block::Para(text) => {
                let _ = writeln!(body, "<p>{}</p>", inline(text));
            }
            Block::List(items) => {
                let _ = writeln!(body, "<ul>{}</ul>", items.iter().map(|i| format!("<li>{}</li>", inline(i))).collect::<String>());
            }
            Block::Table(header, rows) => {
                let _ = write!(
                    body,
                    "<table><thead><tr>{}</tr></thead><tbody>",
                    header.iter().map(|h| format!("<th>{}</th>", inline(h))).collect::<String>()
                );
                for r in rows {
                    let _ = write!(body, "<tr>{}</tr>", r.iter().map(|c| format!("<td>{}</td>", inline(c))).collect::<String>());
                }
                let _ = writeln!(body, "</tbody></table>");
            }
            Block::Image(file, alt) => {
                let src = image_bytes(file).map(|bytes| format!("data:image/png;base64,{}", base64(&bytes))).unwrap_or_default();
                let _ =
                    writeln!(body, "<figure><img src=\"{src}\" alt=\"{}\"><figcaption>{}</figcaption></figure>", inline(alt), inline(alt));
            }
            Block::Quote(text, cite) => {
                let _ = writeln!(body, "<blockquote lang=\"de\">„{}“ <cite>({})</cite></blockquote>", inline(text), inline(cite));
            }
            Block::Reports(links) => {
                let items: String = links
                    .iter()
                    .map(|(label, folder)| format!("<li><a href=\"{}/report.html\">{}</a></li>", inline(folder), inline(label)))
                    .collect();
                let _ = writeln!(body, "<ul>{items}</ul>");
            }
            Block::Details(summary, inner) => {
                let _ = writeln!(body, "<details><summary>{}</summary>", inline(summary));
                push_html(body, inner, image_bytes);
                let _ = writeln!(body, "</details>");
            }
            Block::Svg(svg, caption) => {
                let _ = writeln!(body, "<figure class=\"drawing\">{svg}<figcaption>{}</figcaption></figure>", inline(caption));
            }
            Block::Interactive(markup, _) => {
                let _ = writeln!(body, "{markup}");
            }
        }
    }
}

const STYLE: &str = "body{font-family:system-ui,-apple-system,'Segoe UI',sans-serif;color:#222;background:#fff;margin:0}\
main{max-width:1100px;margin:0 auto;padding:24px 32px 64px;line-height:1.5}\
h1{font-size:1.8em;border-bottom:2px solid #d55e00;padding-bottom:.3em}h2{margin-top:2em;border-bottom:1px solid #ddd}\
table{border-collapse:collapse;margin:1em 0;font-size:.9em;width:100%}th,td{border:1px solid #ccc;padding:4px 8px;text-align:left;vertical-align:top}\
th{background:#f3f3f3}tr:nth-child(even) td{background:#fafafa}figure{margin:1.5em 0}img{max-width:100%;border:1px solid #eee}\
figcaption{font-size:.85em;color:#555}blockquote{border-left:4px solid #0072b2;margin:1em 0;padding:.2em 1em;color:#333;background:#f6f9fc}\
details{border:1px solid #ccc;border-radius:4px;margin:.4em 0;padding:.2em .8em}summary{cursor:pointer;padding:.2em 0}\
details[open]>summary{border-bottom:1px solid #ddd;margin-bottom:.4em}figure.drawing svg{max-width:100%;height:auto;display:block}\
:focus-visible{outline:3px solid #0072b2;outline-offset:2px}[hidden]{display:none!important}\
.mv-controls{display:flex;flex-wrap:wrap;gap:.5em;margin:.5em 0}.mv-controls fieldset{border:1px solid #ccc;border-radius:4px;padding:.2em .6em .4em;margin:0}\
.mv-controls legend{font-weight:600;font-size:.9em;padding:0 .3em}.mv-controls label{display:block;font-size:.9em;white-space:nowrap}\
.mv-count{color:#555}.mv-fixed{font-size:.9em;color:#444}.mv-summary{font-weight:600;background:#f6f9fc;border-left:4px solid #0072b2;padding:.4em .8em}\
.mv-curve svg{width:100%;height:auto;display:block}button{font:inherit;padding:.2em .8em}\
button.sort{border:none;background:none;padding:0;font-weight:600;text-align:left;cursor:pointer;color:#222}th[aria-sort=ascending] button.sort::after{content:' ▲'}th[aria-sort=descending] button.sort::after{content:' ▼'}\
@media print{.mv-controls,#mv-all,#cmp-all{display:none}}";

/// Standard base64 (RFC 4648) with padding.
pub fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [chunk[0], *chunk.get(1).unwrap_or(&0), *chunk.get(2).unwrap_or(&0)];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for k in 0..4 {
            if k <= chunk.len() {
                out.push(ALPHABET[(n >> (18 - 6 * k) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::inline;

    #[test]
    fn inline_markdown_renders_and_lone_markers_stay_text() {
        assert_eq!(inline("*Translation:* a **b** `c*d` e"), "<em>Translation:</em> a <strong>b</strong> <code>c*d</code> e");
        assert_eq!(inline("2 * 3 and a ` alone"), "2 * 3 and a ` alone");
        assert_eq!(inline("<x> & \"q\""), "&lt;x&gt; &amp; &quot;q&quot;");
    }
}
