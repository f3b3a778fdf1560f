//! Paging, search and sorting of a list (`?q=`, `?sort=`, `?page=`,
//! `?per_page=`), the same for the pages and the API.

use crate::db::schemes::StoredApplication;
use crate::render::i18n::Texts;

/// The most rows on one page of a list.
pub const MAX_PER_PAGE: usize = 200;
/// Rows on a page unless `per_page` says otherwise.
pub const DEFAULT_PER_PAGE: usize = 25;

/// What a list request asks for.
#[derive(Debug, Default, serde::Deserialize)]
pub struct ListQuery {
    #[serde(default)]
    pub q: String,
    #[serde(default)]
    pub sort: String,
    #[serde(default)]
    pub page: Option<String>,
    #[serde(default)]
    pub per_page: Option<String>,
}

/// The orders an application list can be sorted in: code and catalogue key.
pub const APPLICATION_SORTS: [(&str, &str); 6] = [
    ("id", "sort-id"),
    ("-id", "sort-newest"),
    ("project", "sort-project"),
    ("organisation", "sort-organisation"),
    ("-amount", "sort-amount"),
    ("state", "sort-state"),
];

/// One page of a list, and how to reach the others.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Listing {
    pub query: String,
    pub query_encoded: String,
    pub sort: String,
    pub sort_options: Vec<(&'static str, &'static str)>,
    pub page: usize,
    pub pages: usize,
    pub per_page: usize,
    pub total: usize,
    /// The 1-based positions of the first and last row shown.
    pub first: usize,
    pub last: usize,
    pub previous: Option<usize>,
    pub next: Option<usize>,
}

impl Listing {
    pub fn showing(&self, t: &Texts) -> String {
        t.with(
            "list-showing",
            &[
                ("from", self.first.to_string()),
                ("to", self.last.to_string()),
                ("total", self.total.to_string()),
            ],
        )
    }

    pub fn page_of(&self, t: &Texts) -> String {
        t.with(
            "list-page-of",
            &[
                ("page", self.page.to_string()),
                ("pages", self.pages.to_string()),
            ],
        )
    }
}

/// A whole number from a query parameter; an unreadable one is the default.
fn number(text: &Option<String>, default: usize) -> usize {
    text.as_deref()
        .and_then(|t| t.trim().parse().ok())
        .unwrap_or(default)
}

/// Whether an application matches a search: its project, organisation
/// name or number, or id contains the words, case-insensitively.
fn matches(application: &StoredApplication, query: &str) -> bool {
    let haystack = format!(
        "{} {} {} {}",
        application.id,
        application.figures.project,
        application.organisation.name,
        application.organisation.id
    )
    .to_lowercase();
    query
        .split_whitespace()
        .all(|word| haystack.contains(&word.to_lowercase()))
}

fn sort(applications: &mut [StoredApplication], order: &str) {
    match order {
        "-id" => applications.sort_by_key(|a| std::cmp::Reverse(a.id)),
        "project" => applications.sort_by(|a, b| {
            (a.figures.project.to_lowercase(), a.id).cmp(&(b.figures.project.to_lowercase(), b.id))
        }),
        "organisation" => applications.sort_by(|a, b| {
            (a.organisation.name.to_lowercase(), a.id)
                .cmp(&(b.organisation.name.to_lowercase(), b.id))
        }),
        "-amount" => applications.sort_by(|a, b| {
            (b.figures.amount_applied, a.id).cmp(&(a.figures.amount_applied, b.id))
        }),
        "state" => applications.sort_by(|a, b| (a.state.code(), a.id).cmp(&(b.state.code(), b.id))),
        _ => applications.sort_by_key(|a| a.id),
    }
}

/// The applications that match the search, in the order asked for (by id
/// when the order is unknown), and that order's code.
pub fn search_and_sort(
    mut applications: Vec<StoredApplication>,
    query: &ListQuery,
) -> (Vec<StoredApplication>, &'static str) {
    applications.retain(|a| matches(a, query.q.trim()));
    let order = APPLICATION_SORTS
        .iter()
        .map(|(code, _)| *code)
        .find(|code| *code == query.sort)
        .unwrap_or("id");
    sort(&mut applications, order);
    (applications, order)
}

/// Searches, sorts and cuts out one page; a page past the end shows the
/// last page.
pub fn page_of_applications(
    applications: Vec<StoredApplication>,
    query: &ListQuery,
) -> (Vec<StoredApplication>, Listing) {
    let (applications, order) = search_and_sort(applications, query);
    let (shown, mut listing) = page_of(applications, query, DEFAULT_PER_PAGE);
    listing.sort = order.to_string();
    listing.sort_options = APPLICATION_SORTS.to_vec();
    (shown, listing)
}

/// One page of any list in its order: `?page` and `?per_page` (at most
/// [`MAX_PER_PAGE`]); a page past the end shows the last page.
pub fn page_of<T>(items: Vec<T>, query: &ListQuery, default_per_page: usize) -> (Vec<T>, Listing) {
    let words = query.q.trim().to_string();
    let per_page = number(&query.per_page, default_per_page).clamp(1, MAX_PER_PAGE);
    let total = items.len();
    let pages = total.div_ceil(per_page).max(1);
    let page = number(&query.page, 1).clamp(1, pages);
    let start = (page - 1) * per_page;
    let shown: Vec<T> = items.into_iter().skip(start).take(per_page).collect();
    let listing = Listing {
        query_encoded: form_urlencoded::byte_serialize(words.as_bytes()).collect(),
        query: words,
        sort: String::new(),
        sort_options: Vec::new(),
        page,
        pages,
        per_page,
        total,
        first: if shown.is_empty() { 0 } else { start + 1 },
        last: start + shown.len(),
        previous: (page > 1).then(|| page - 1),
        next: (page < pages).then(|| page + 1),
    };
    (shown, listing)
}
