//! The rule files of `rules/`, embedded at build time by `build.rs`.

include!(concat!(env!("OUT_DIR"), "/catalogue.rs"));
