"""The application benchmark's arithmetic: what counts as a false approval, a genuine approval and a
genuine application rejected."""

from capil._bench_applications import _report, table


def _case(i, kind, expected, status, findings=()):
    return {"id": f"case-{i}", "kind": kind, "expected": {"status": expected, "findings": list(findings)},
            "status": status, "findings": list(findings), "seconds": float(i)}


def test_false_approvals_and_genuine_rate():
    results = [
        _case(1, "genuine_pendidikan", "approved", "approved"),
        _case(2, "genuine_perkawinan", "approved", "needs_review", ["LOW_CONFIDENCE"]),
        _case(3, "misspelled_name", "needs_review", "approved"),  # the worst bug
        _case(4, "kk_as_ijazah", "rejected", "rejected", ["WRONG_DOCUMENT_TYPE"]),
        {**_case(5, "genuine_pendidikan", "approved", "error"), "error": "ServiceUnavailable: x"},
    ]
    report = _report(results, jobs=2, wall=10.0, corpus="c", seed=1)
    assert report["false_approvals"] == ["case-3"]
    assert (report["genuine"], report["genuine_auto_approved"]) == (3, 1)
    assert report["genuine_review_reasons"] == {"LOW_CONFIDENCE": 1}
    assert report["errors"] == [{"id": "case-5", "error": "ServiceUnavailable: x"}]
    assert report["expected_status_matched"] == 2
    assert "false approvals: 1" in table(report)


def test_genuine_applications_rejected_are_counted_beside_false_approvals():
    results = [
        _case(1, "genuine_pendidikan", "approved", "rejected", ["SUBJECT_NOT_IN_KK"]),  # our reading's failure
        _case(2, "genuine_koreksi", "needs_review", "rejected", ["DOCUMENT_UNREADABLE"]),  # genuine too
        _case(3, "genuine_perkawinan", "approved", "needs_review", ["KK_NOT_READ"]),  # not read: review, fine
        _case(4, "kk_of_other_family", "rejected", "rejected", ["SUBJECT_NOT_IN_KK"]),
        _case(5, "subject_missing_from_kk", "rejected", "needs_review", ["KK_NOT_READ"]),
        _case(6, "misspelled_name", "needs_review", "rejected", ["SUBJECT_NOT_IN_KK"]),
    ]
    report = _report(results, jobs=1, wall=1.0, corpus="c", seed=1)
    assert report["genuine_rejected"] == ["case-1", "case-2"]
    assert report["genuine_all"] == 3
    assert report["unexpected_rejections"] == ["case-1", "case-2", "case-6"]
    assert report["false_approvals"] == []
    text = table(report)
    assert "genuine rejected: 2/3" in text and "false approvals: 0" in text
