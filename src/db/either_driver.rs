//! Functions that run the same statements on sqlx's `Any` driver and on a
//! native PostgreSQL connection: the bulk writes (a register import, an
//! accounts import) run their whole transaction on a native connection on
//! PostgreSQL, since `Any` has no `COPY`, and everything in that
//! transaction but the rows themselves is shared with SQLite.
//!
//! [`on_either_driver!`] writes such a function generic over sqlx's
//! `Database` with the one set of bounds both drivers meet, so that the
//! bounds are stated once.

/// An `async fn name<DB>(…) -> T { … }` generic over the database, with the
/// bounds its statements need: they may bind and read `i64` and `String`,
/// bind `Option<String>` and `Vec<u8>`, and read columns by position.
macro_rules! on_either_driver {
    ($(#[$meta:meta])* $vis:vis async fn $name:ident<DB>($($parameters:tt)*) -> $output:ty $body:block) => {
        $(#[$meta])*
        $vis async fn $name<DB>($($parameters)*) -> $output
        where
            DB: sqlx::Database,
            for<'c> &'c mut DB::Connection: sqlx::Executor<'c, Database = DB>,
            for<'q> DB::Arguments<'q>: sqlx::IntoArguments<'q, DB>,
            for<'q> i64: sqlx::Encode<'q, DB> + sqlx::Type<DB> + sqlx::Decode<'q, DB>,
            for<'q> String: sqlx::Encode<'q, DB> + sqlx::Type<DB> + sqlx::Decode<'q, DB>,
            for<'q> Option<String>: sqlx::Encode<'q, DB> + sqlx::Type<DB>,
            for<'q> Vec<u8>: sqlx::Encode<'q, DB> + sqlx::Type<DB>,
            usize: sqlx::ColumnIndex<DB::Row>,
        $body
    };
}
