//! `tilskot init`, `rules` and `user`: setting up a database, checking the
//! rates, and the users of the command line.

use super::{read_password, Context, NEW_PASSWORD_VARIABLE, PASSWORD_VARIABLE};
use crate::app::init::init as init_database;
use crate::app::users::{add_user, create_first_admin};
use crate::db::Store;
use crate::domain::calendar::Period;
use crate::domain::error::{Error, Message, Reason, Result};
use crate::domain::money::format_nok_grouped;
use crate::domain::users::{check_password, check_user_name, NewUser, Role};
use crate::io::rules_dir::load_scheme_files;
use crate::render::tables::show_rules;
use clap::Subcommand;
use std::io::Write;

#[derive(Debug, Subcommand)]
pub enum RulesCommand {
    /// Validate every rules file.
    Check,
    /// Print the rates of a year with their status and source.
    Show {
        #[arg(long)]
        year: i32,
    },
}

#[derive(Debug, Subcommand)]
pub enum UserCommand {
    /// Add a user, or change the password, role, organisation or schemes of
    /// one, as an administrator (`--user`, password in TILSKOT_PASSWORD). The
    /// new user's password is TILSKOT_NEW_PASSWORD, or asked on the terminal.
    Add {
        /// The administrator who adds the user.
        #[arg(long)]
        user: String,
        #[arg(long)]
        name: String,
        /// finance_officer, approver, caseworker, applicant, finance, auditor or admin.
        #[arg(long)]
        role: String,
        /// An applicant's organisation.
        #[arg(long)]
        organisation: Option<String>,
        /// A caseworker's schemes (repeat for several).
        #[arg(long = "scheme")]
        schemes: Vec<String>,
    },
    /// Set how a user signs decision letters: full name and title, as an
    /// administrator (`--user`).
    Signature {
        /// The administrator.
        #[arg(long)]
        user: String,
        #[arg(long)]
        name: String,
        /// The full name under the letter ("Kari Nordmann").
        #[arg(long)]
        full_name: String,
        /// adviser, senior_adviser, director or head_of_section.
        #[arg(long)]
        title: String,
    },
    /// Disable a user who leaves, as an administrator (`--user`): they can
    /// no longer sign in or act, their sessions end, and their name stays
    /// on everything they did.
    Disable {
        /// The administrator.
        #[arg(long)]
        user: String,
        #[arg(long)]
        name: String,
    },
    /// Let a disabled user act again, as an administrator (`--user`).
    Enable {
        /// The administrator.
        #[arg(long)]
        user: String,
        #[arg(long)]
        name: String,
    },
    /// List every user with role, organisation, schemes and whether they
    /// may act, as an administrator or an auditor (`--user`).
    List {
        #[arg(long)]
        user: String,
    },
}

/// `tilskot init`: the one command (with the demo) that creates a database.
/// A new database gets its first administrator (`--admin`).
pub async fn init(
    ctx: &Context,
    start_period: Period,
    admin: Option<&str>,
    out: &mut impl Write,
) -> Result<()> {
    let exists = match Store::open(&ctx.db).await {
        Ok(store) => store.admin_exists().await?,
        Err(Error::NotFound(_)) => false,
        Err(other) => return Err(other),
    };
    let admin_password = match (exists, admin) {
        (false, None) => {
            return Err(Error::invalid_told(
                Message::new("error-admin-needed"),
                "a new database needs its first administrator: give --admin NAME",
            ))
        }
        (true, Some(_)) => {
            return Err(Error::Refused(Reason::told(
                Message::new("error-admin-exists"),
                "the database has an administrator already; an administrator adds users with `tilskot user add`",
            )))
        }
        (false, Some(name)) => Some(read_password(
            PASSWORD_VARIABLE,
            &ctx.texts.with("cli-password-of-admin", &[("user", name.to_string())]),
        )?),
        (true, None) => None,
    };
    if let (Some(name), Some(password)) = (admin, &admin_password) {
        check_user_name(name).map_err(Error::from)?;
        check_password(password).map_err(Error::from)?;
    }
    let store = Store::connect(&ctx.db).await?;
    init_database(&store, start_period).await?;
    if let (Some(name), Some(password)) = (admin, admin_password) {
        create_first_admin(&store, name, &password).await?;
        let created = ctx
            .texts
            .with("cli-admin-created", &[("user", name.to_string())]);
        writeln!(out, "{created}")?;
    }
    let args = [
        ("database", ctx.db.clone()),
        ("start", store.start_period().await?.to_string()),
    ];
    writeln!(out, "{}", ctx.texts.with("cli-initialised", &args))?;
    Ok(())
}

/// `tilskot rules check|show`.
pub fn rules(ctx: &Context, command: RulesCommand, out: &mut impl Write) -> Result<()> {
    let book = ctx.rules()?;
    match command {
        RulesCommand::Check => {
            let t = &ctx.texts;
            for year in book.years() {
                let args = [
                    ("file", year.file_name.clone()),
                    ("rates", year.rates.len().to_string()),
                    ("terms", year.payment_terms.len().to_string()),
                    (
                        "status",
                        t.name("rate-status", year.weakest_status().code()),
                    ),
                ];
                writeln!(out, "{}", t.with("cli-rules-checked", &args))?;
            }
            let municipalities = crate::io::shipped::municipalities().len().to_string();
            let args = [("count", municipalities)];
            writeln!(out, "{}", t.with("cli-municipalities-listed", &args))?;
            let schemes = load_scheme_files(&ctx.rules_dir).map_err(Error::from)?;
            for definition in schemes {
                let scheme = &definition.scheme;
                let args = [
                    ("scheme", t.name("scheme", &scheme.code)),
                    ("year", scheme.year.to_string()),
                    ("frame", format_nok_grouped(scheme.frame)),
                    ("criteria", scheme.criteria.len().to_string()),
                ];
                writeln!(out, "{}", t.with("cli-scheme-checked", &args))?;
            }
        }
        RulesCommand::Show { year } => {
            let table = show_rules(&book, year, &ctx.texts).map_err(Error::from)?;
            write!(out, "{table}")?;
        }
    }
    Ok(())
}

/// `tilskot user signature`: by an authenticated administrator only.
async fn signature(
    ctx: &Context,
    user: &str,
    name: &str,
    full_name: String,
    title: &str,
    out: &mut impl Write,
) -> Result<()> {
    let title = crate::domain::users::Title::parse(title).ok_or_else(|| {
        Error::field_told(
            "title",
            Message::new("problem-unknown-title").arg("text", title),
            format!("'{title}' is not one of adviser, senior_adviser, director, head_of_section"),
        )
    })?;
    let store = ctx.open().await?;
    let admin = ctx.authenticate(&store, user).await?;
    let signature = crate::domain::users::Signature { full_name, title };
    crate::app::users::set_signature(&store, &admin, name, &signature).await?;
    let args = [
        ("user", name.to_string()),
        ("full", signature.full_name.clone()),
        ("title", ctx.texts.name("title", title.code())),
    ];
    writeln!(out, "{}", ctx.texts.with("cli-user-signs", &args))?;
    Ok(())
}

/// `tilskot user disable|enable`: by an authenticated administrator only.
async fn set_disabled(
    ctx: &Context,
    user: &str,
    name: &str,
    disabled: bool,
    out: &mut impl Write,
) -> Result<()> {
    let store = ctx.open().await?;
    let admin = ctx.authenticate(&store, user).await?;
    crate::app::users::set_user_disabled(&store, &admin, name, disabled).await?;
    let key = if disabled {
        "cli-user-disabled"
    } else {
        "cli-user-enabled"
    };
    writeln!(
        out,
        "{}",
        ctx.texts.with(key, &[("user", name.to_string())])
    )?;
    Ok(())
}

/// `tilskot user list`: by an authenticated administrator or auditor.
async fn list_users(ctx: &Context, user: &str, out: &mut impl Write) -> Result<()> {
    let store = ctx.open().await?;
    let actor = ctx.authenticate(&store, user).await?;
    let users = crate::app::users::list_users(&store, &actor).await?;
    writeln!(out, "user,role,organisation,schemes,state")?;
    for (user, disabled) in users {
        writeln!(
            out,
            "{},{},{},{},{}",
            user.name,
            user.role.code(),
            user.organisation.unwrap_or_default(),
            user.schemes.join(" "),
            if disabled { "disabled" } else { "active" }
        )?;
    }
    Ok(())
}

/// `tilskot user add`: by an authenticated administrator only.
pub async fn user(ctx: &Context, command: UserCommand, out: &mut impl Write) -> Result<()> {
    let (user, name, role, organisation, schemes) = match command {
        UserCommand::Add {
            user,
            name,
            role,
            organisation,
            schemes,
        } => (user, name, role, organisation, schemes),
        UserCommand::Signature {
            user,
            name,
            full_name,
            title,
        } => return signature(ctx, &user, &name, full_name, &title, out).await,
        UserCommand::Disable { user, name } => {
            return set_disabled(ctx, &user, &name, true, out).await
        }
        UserCommand::Enable { user, name } => {
            return set_disabled(ctx, &user, &name, false, out).await
        }
        UserCommand::List { user } => return list_users(ctx, &user, out).await,
    };
    let role = Role::parse(&role).ok_or_else(|| {
        Error::field_told(
            "role",
            Message::new("problem-unknown-role").arg("text", &role),
            format!("'{role}' is not a role: {}", Role::list()),
        )
    })?;
    let store = ctx.open().await?;
    let admin = ctx.authenticate(&store, &user).await?;
    let password = read_password(
        NEW_PASSWORD_VARIABLE,
        &ctx.texts
            .with("cli-new-password-of", &[("user", name.clone())]),
    )?;
    let new = NewUser {
        name: &name,
        password: &password,
        role,
        organisation: organisation.as_deref(),
        schemes: &schemes,
    };
    add_user(&store, &admin, &new).await?;
    let args = [
        ("user", name.clone()),
        ("role", ctx.texts.name("role", role.code())),
    ];
    writeln!(out, "{}", ctx.texts.with("cli-user-saved", &args))?;
    Ok(())
}
