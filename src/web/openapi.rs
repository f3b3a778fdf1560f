//! The OpenAPI 3.1 description of the JSON API, served at
//! `/api/openapi.json`. Written out here beside the handlers (`api.rs`)
//! rather than derived: the API is seven routes, and a test checks that
//! every `/api/` route of the router is described.

use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::{json, Value};

/// The money type of the API: NOK with two decimals, as a string, so that
/// no client reads money as a float.
fn money() -> Value {
    json!({"type": "string", "pattern": "^-?[0-9]+\\.[0-9]{2}$", "example": "1250000.50"})
}

fn nullable_money() -> Value {
    json!({"oneOf": [money(), {"type": "null"}]})
}

fn schemas() -> Value {
    json!({
        "Application": {
            "type": "object",
            "properties": {
                "id": {"type": "integer"},
                "scheme": {"type": "string"},
                "year": {"type": "integer"},
                "organisation": {"type": "object"},
                "project": {"type": "string"},
                "amount_applied": money(),
                "budget_total": money(),
                "own_financing": money(),
                "participants": {"type": "integer"},
                "later_years": {"type": "array", "items": {"type": "object",
                    "properties": {"year": {"type": "integer"}, "amount": money()}}},
                "state": {"enum": ["draft", "submitted", "in_review", "decided", "paid", "reported"]},
                "submitted_on": {"type": ["string", "null"], "format": "date"},
                "decision": {"enum": ["awarded", "partly_awarded", "rejected", "recommended_not_funded", null]},
                "decision_reason": {"type": ["string", "null"]},
                "committed": nullable_money(),
                "paid": nullable_money(),
                "released": nullable_money()
            }
        },
        "ApplicationList": {
            "type": "object",
            "properties": {
                "applications": {"type": "array", "items": {"$ref": "#/components/schemas/Application"}},
                "page": {"type": "integer"},
                "per_page": {"type": "integer"},
                "pages": {"type": "integer"},
                "total": {"type": "integer"},
                "sort": {"type": "string"}
            }
        },
        "NewApplication": {
            "type": "object",
            "required": ["scheme", "year", "project", "amount_applied", "budget_total", "own_financing", "participants"],
            "properties": {
                "scheme": {"type": "string"},
                "year": {"type": "integer"},
                "project": {"type": "string"},
                "amount_applied": {"oneOf": [money(), {"type": "integer"}]},
                "budget_total": {"oneOf": [money(), {"type": "integer"}]},
                "own_financing": {"oneOf": [money(), {"type": "integer"}]},
                "participants": {"oneOf": [{"type": "integer"}, {"type": "string"}]},
                "later_years": {"type": "string", "example": "2023: 1 200 000; 2024: 800 000"}
            }
        },
        "Decision": {
            "type": "object",
            "required": ["kind"],
            "properties": {
                "kind": {"enum": ["awarded", "partly_awarded", "rejected", "recommended_not_funded"]},
                "amount": money(),
                "reason": {"type": "string"}
            }
        },
        "FrameStatus": {
            "type": "object",
            "properties": {
                "scheme": {"type": "string"}, "year": {"type": "integer"},
                "frame": money(), "awarded": money(), "paid": money(), "released": money(),
                "outstanding": money(), "available": money(), "underspend": money()
            }
        },
        "Error": {
            "type": "object",
            "required": ["error"],
            "properties": {
                "error": {"type": "string", "description": "in Nynorsk"},
                "code": {"type": "string", "description": "the message's key in the catalogues"},
                "fields": {"type": "array", "items": {"type": "object", "properties": {
                    "field": {"type": "string"},
                    "code": {"type": "string", "description": "the message's key in the catalogues"},
                    "reason": {"type": "string", "description": "in Nynorsk"}
                }}}
            }
        }
    })
}

fn answer(description: &str, schema: &str) -> Value {
    json!({"description": description, "content": {"application/json":
        {"schema": {"$ref": format!("#/components/schemas/{schema}")}}}})
}

/// The refusals every call may answer with.
fn refusals() -> Vec<(&'static str, Value)> {
    [
        ("401", "not signed in"),
        ("403", "the role may not do this"),
        ("404", "no such thing, or not the user's to see"),
        (
            "409",
            "the state refuses it (a closed call, a used-up frame)",
        ),
        ("422", "wrong input; every wrong field in `fields`"),
    ]
    .into_iter()
    .map(|(status, description)| (status, answer(description, "Error")))
    .collect()
}

fn operation(summary: &str, ok: (&str, Value), body: Option<&str>, query: bool) -> Value {
    let mut responses = serde_json::Map::new();
    responses.insert(ok.0.to_string(), ok.1);
    for (status, refusal) in refusals() {
        responses.insert(status.to_string(), refusal);
    }
    let mut operation = json!({"summary": summary, "responses": responses});
    if let Some(schema) = body {
        operation["requestBody"] = json!({"required": true, "content": {"application/json":
            {"schema": {"$ref": format!("#/components/schemas/{schema}")}}}});
    }
    if query {
        operation["parameters"] = json!([
            {"name": "q", "in": "query", "schema": {"type": "string"}, "description": "words of the project or the applicant"},
            {"name": "sort", "in": "query", "schema": {"enum": ["id", "-id", "project", "organisation", "-amount", "state"]}},
            {"name": "page", "in": "query", "schema": {"type": "integer", "minimum": 1}},
            {"name": "per_page", "in": "query", "schema": {"type": "integer", "minimum": 1, "maximum": 200}}
        ]);
    }
    operation
}

fn path_parameters(names: &[(&str, &str)]) -> Value {
    names
        .iter()
        .map(|(name, kind)| json!({"name": name, "in": "path", "required": true, "schema": {"type": kind}}))
        .collect()
}

/// The description of the API.
pub fn document() -> Value {
    let id = path_parameters(&[("id", "integer")]);
    json!({
        "openapi": "3.1.0",
        "info": {"title": "tilskot", "version": env!("CARGO_PKG_VERSION"),
            "description": "Applications to the grant schemes. Sign in with the /login form; the API uses its session cookie. Money is NOK with two decimals, as strings; counts and years are numbers."},
        "paths": {
            "/api/applications": {
                "get": operation("The applications the user may see, one page", ("200", answer("a page", "ApplicationList")), None, true),
                "post": operation("A new draft (applicants)", ("201", answer("the draft", "Application")), Some("NewApplication"), false)
            },
            "/api/applications/{id}": {
                "parameters": id,
                "get": operation("One application", ("200", answer("the application", "Application")), None, false)
            },
            "/api/applications/{id}/submit": {
                "parameters": id,
                "post": operation("Submits a draft while the call is open (body `{}`)", ("200", answer("the application", "Application")), None, false)
            },
            "/api/applications/{id}/decision": {
                "parameters": id,
                "post": operation("Decides (caseworkers of the scheme without a conflict of interest)", ("200", answer("the application", "Application")), Some("Decision"), false)
            },
            "/api/schemes/{scheme}/{year}/status": {
                "parameters": path_parameters(&[("scheme", "string"), ("year", "integer")]),
                "get": operation("A frame: awarded, paid, released, available", ("200", answer("the frame", "FrameStatus")), None, false)
            },
            "/api/openapi.json": {
                "get": {"summary": "This description", "responses": {"200": {"description": "OpenAPI 3.1"}}}
            }
        },
        "components": {"schemas": schemas()}
    })
}

pub async fn serve() -> Response {
    Json(document()).into_response()
}
