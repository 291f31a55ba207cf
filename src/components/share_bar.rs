use crate::browser;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ShareBarProps {
    /// The current settings as a query string (every key, resolved).
    pub query: AttrValue,
    /// Title of the shown series, for the embed snippet.
    pub title: AttrValue,
    /// Export and import controls, placed after the sharing buttons.
    #[prop_or_default]
    pub children: Html,
}

/// The `<iframe>` snippet for embedding the current view, with the few lines of script that
/// let the frame set its own height (it works without them at the default height).
pub fn embed_snippet(base: &str, query: &str, title: &str) -> String {
    let src = format!("{base}?{query}&embed=1");
    let esc = |s: &str| {
        s.replace('&', "&amp;")
            .replace('"', "&quot;")
            .replace('<', "&lt;")
    };
    format!(
        "<iframe src=\"{}\" title=\"{}\" loading=\"lazy\" width=\"100%\" height=\"620\" style=\"width:100%;max-width:1200px;height:620px;border:0\"></iframe>\n\
<script>addEventListener(\"message\",function(e){{var d=e.data;if(!d||d.type!==\"trendline:height\")return;\
document.querySelectorAll(\"iframe\").forEach(function(f){{if(f.contentWindow===e.source)f.style.height=d.height+\"px\"}})}});</script>",
        esc(&src),
        esc(&format!("Trendline: {title}"))
    )
}

/// Copy link, embed snippet, downloads.
#[function_component(ShareBar)]
pub fn share_bar(props: &ShareBarProps) -> Html {
    let status = use_state(String::new);
    let show_embed = use_state(|| false);
    let base = browser::page_base();
    let link = format!("{base}?{}", props.query);
    let snippet = embed_snippet(&base, &props.query, &props.title);
    let copy = |text: String, what: &'static str| {
        let status = status.clone();
        Callback::from(move |_: MouseEvent| {
            let status = status.clone();
            browser::copy_text(text.clone(), move |ok| {
                status.set(if ok {
                    format!("{what} copied.")
                } else {
                    format!(
                        "Copying is blocked here: select the {} and copy it.",
                        what.to_ascii_lowercase()
                    )
                })
            });
        })
    };
    let toggle_embed = {
        let show = show_embed.clone();
        Callback::from(move |_: MouseEvent| show.set(!*show))
    };
    let local = browser::is_local_file();
    html! {
        <div class="share" data-testid="share">
            <div class="share-buttons">
                <button type="button" data-testid="copy-link" onclick={copy(link.clone(), "Link")}>{"Copy link"}</button>
                <button type="button" data-testid="embed-button" aria-expanded={show_embed.to_string()} onclick={toggle_embed}>{"Embed"}</button>
                {props.children.clone()}
                if !local {
                    <a class="button" href="trendline.html" download="trendline.html" data-testid="offline-download">{"Download for offline use"}</a>
                }
            </div>
            <input class="share-link" type="text" readonly=true value={link} aria-label="Link to this view" data-testid="share-link" />
            if *show_embed {
                <div class="embed-panel" data-testid="embed-panel">
                    <label for="embed-snippet">{"Paste this into your page (the script lets the frame fit its content; without it the frame is 620 px tall):"}</label>
                    <textarea id="embed-snippet" readonly=true rows="5" data-testid="embed-snippet" value={snippet.clone()} />
                    <button type="button" data-testid="copy-embed" onclick={copy(snippet, "Embed code")}>{"Copy embed code"}</button>
                </div>
            }
            <p class="status" role="status" aria-live="polite" data-testid="share-status">{(*status).clone()}</p>
        </div>
    }
}
