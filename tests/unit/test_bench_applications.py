"""The application benchmark's arithmetic: what counts as a false approval and as a genuine approval."""

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
