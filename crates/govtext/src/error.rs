//! One error type for the library, so callers (the CLI, the batch stage) can report a bad input
//! by name and carry on with the rest.

use std::path::PathBuf;

/// Everything the library can fail with.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A file or stream could not be read at all.
    #[error("{path}: {source}")]
    Io {
        /// The path as given (or `-` for stdin).
        path: PathBuf,
        /// The underlying error.
        #[source]
        source: std::io::Error,
    },
    /// The bytes are not text in any encoding we accept.
    #[error("{path}: binary or undecodable: {reason}")]
    Undecodable {
        /// The path as given.
        path: PathBuf,
        /// What was wrong with the bytes.
        reason: String,
    },
    /// The input has no text.
    #[error("{path}: empty document")]
    Empty {
        /// The path as given.
        path: PathBuf,
    },
    /// A dictionary line could not be parsed.
    #[error("{path}:{line}: bad dictionary entry: {reason}")]
    Dictionary {
        /// The dictionary file.
        path: PathBuf,
        /// 1-based line number.
        line: usize,
        /// What is wrong with the line.
        reason: String,
    },
    /// A gold or prediction file line could not be parsed.
    #[error("{path}:{line}: {reason}")]
    BadRecord {
        /// The file.
        path: PathBuf,
        /// 1-based line number.
        line: usize,
        /// What is wrong with the line.
        reason: String,
    },
}

/// The library's result type.
pub type Result<T, E = Error> = std::result::Result<T, E>;
