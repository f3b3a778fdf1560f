//! The two macros of the typed errors (see `domain::error`). A refusal
//! always carries a catalogue message (`refuse_told!`): a person reads it in
//! their language.

/// An `Error::Internal` from a format string or a displayable value.
macro_rules! internal {
    ($msg:literal $(,)?) => {
        $crate::domain::error::Error::internal(format!($msg))
    };
    ($fmt:literal, $($arg:tt)*) => {
        $crate::domain::error::Error::internal(format!($fmt, $($arg)*))
    };
    ($err:expr $(,)?) => {
        $crate::domain::error::Error::internal(($err).to_string())
    };
}

/// Returns early with `Error::Refused`: a catalogue message for the pages
/// and an English text for the log and the command line.
macro_rules! refuse_told {
    ($message:expr, $($arg:tt)*) => {
        return Err($crate::domain::error::Error::Refused(
            $crate::domain::error::Reason::told($message, format!($($arg)*)),
        )
        .into())
    };
}
