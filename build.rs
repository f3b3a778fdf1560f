//! Rebuilds when a migration is added: `sqlx::migrate!` embeds the
//! migration files at compile time, and cargo does not otherwise watch them
//! (the script sqlx's own `sqlx migrate build-script` writes).
fn main() {
    println!("cargo:rerun-if-changed=migrations");
}
