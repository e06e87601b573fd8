//! The page at `/`. The full web app is served from here once it is built; until then a
//! small page says what this server is and where its API lives.

use axum::extract::State;
use axum::response::Html;

use crate::state::AppState;

pub async fn index(State(state): State<AppState>) -> Html<String> {
    let name = state.settings.instance_name.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;");
    Html(format!(
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>{name}</title>\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <link rel=\"stylesheet\" href=\"/api/docs/docs.css\"></head><body><h1>{name}</h1>\
         <p>This Dayline server is running. The API is described at <a href=\"/api/docs\">/api/docs</a>.</p>\
         </body></html>"
    ))
}
