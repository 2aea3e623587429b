//! One component per view of the app (the route in the URL's hash picks one).
//! Pages do not import each other.

pub mod bundle;
pub mod bundle_print;
pub mod city;
pub mod draft;
pub mod help;
pub mod print_view;
pub mod start;
