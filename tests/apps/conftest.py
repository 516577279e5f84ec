"""Every request an app test sends to a described API is checked against the vendor's
description (see vendor_contract.py): an invented endpoint or field fails the test."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.apps import vendor_contract


@pytest.fixture(scope="session")
def vendor_descriptions() -> None:
    try:
        vendor_contract.directory_tarball()
    except vendor_contract.ContractUnavailable as exc:
        pytest.fail(f"the vendor descriptions are needed to check app requests: {exc}", pytrace=False)


@pytest.fixture(autouse=True)
def requests_match_vendor_descriptions(request: pytest.FixtureRequest) -> Iterator[None]:
    if "respx_mock" not in request.fixturenames:
        yield
        return
    request.getfixturevalue("vendor_descriptions")
    mock = request.getfixturevalue("respx_mock")
    yield
    exempt = getattr(request.module, "VENDOR_EXEMPT", {})
    problems = [p for call in mock.calls for p in vendor_contract.check(call.request, exempt).problems]
    assert not problems, "requests the vendor's API description does not have:\n" + "\n".join(problems)
