//! The offline file is saved only when what arrived is the whole one-file build.

use torikumi_core::messages::offline_file_error;
use torikumi_core::offline_file::{check, OfflineFileError};

const WHOLE: &str = "<!DOCTYPE html>\n<html lang=\"ja\" data-standalone=\"\" data-version=\"abc\">\n<head></head>\n<body><script id=\"torikumi-loader\"></script></body>\n</html>\n";

#[test]
fn the_whole_one_file_build_is_the_offline_file() {
    assert_eq!(check(WHOLE), Ok(()));
}

#[test]
fn the_hosted_apps_page_in_its_place_is_not_the_offline_file() {
    let index = "<!DOCTYPE html>\n<html lang=\"ja\">\n<head><title>取組状況</title></head>\n<body></body>\n</html>\n";
    assert_eq!(check(index), Err(OfflineFileError::NotTheFile));
}

#[test]
fn a_captive_portals_page_is_not_the_offline_file() {
    assert_eq!(check("<html><body><h1>Free Wi-Fi: please log in</h1></body></html>"), Err(OfflineFileError::NotTheFile));
}

#[test]
fn an_offline_file_cut_short_is_not_the_offline_file() {
    assert_eq!(check(&WHOLE[..WHOLE.len() - 12]), Err(OfflineFileError::NotTheFile));
    assert_eq!(check(""), Err(OfflineFileError::NotTheFile));
}

#[test]
fn each_failure_says_what_to_do() {
    assert!(offline_file_error(&OfflineFileError::Unavailable { status: 503 }).contains("ネットワークにつながっているときに、もう一度押してください"));
    assert!(offline_file_error(&OfflineFileError::Unavailable { status: 0 }).contains("ネットワークにつながっていない"));
    assert!(offline_file_error(&OfflineFileError::Unavailable { status: 404 }).contains("サーバーの応答 404"));
    assert!(offline_file_error(&OfflineFileError::NotTheFile).contains("ログインしてから"));
    assert!(offline_file_error(&OfflineFileError::TimedOut).contains("通信が安定しているときに、もう一度押してください"));
}
