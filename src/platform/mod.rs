//! The browser, behind small functions that answer with typed values: local
//! storage, files, exports and sharing, the service worker, files served beside the app,
//! index.html's first paint.

pub mod announce;
pub mod boot_frame;
pub mod deadline;
pub mod exports;
pub mod files;
pub mod frames;
pub mod hosts;
pub mod local_storage;
pub mod on_demand;
pub mod served_files;
pub mod service_worker;
pub mod word_file;
