"""The web form in a real headless Chromium (Debian's chromium and chromium-driver, driven by
Selenium; no browser is downloaded): fill a data-sharing MOU from a blank form, fix three
mistakes from the error summary, pick three clauses and watch the points total, download
the DOCX and PDF and open them, rebuild the saved YAML with the CLI, and scan each page with
axe-core (tests/vendor/axe.min.js, from the npm registry; vendored so the tests never
download it)."""

from __future__ import annotations

import io
import os
import shutil
import time
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMEDRIVER = shutil.which("chromedriver") or "/usr/bin/chromedriver"
AXE = Path(__file__).resolve().parent / "vendor" / "axe.min.js"
SCREENSHOT = Path(__file__).resolve().parent.parent / "docs" / "serve-form.png"
"""Where ``PLANKIT_UPDATE_SCREENSHOT=1`` saves the README's picture of the form."""

if not (os.path.exists(CHROMIUM) and os.path.exists(CHROMEDRIVER)):
    pytest.skip("Chromium and ChromeDriver are not installed (Debian: apt-get install "
                "chromium chromium-driver)", allow_module_level=True)
webdriver = pytest.importorskip("selenium.webdriver")
pytest.importorskip("starlette")

from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support.ui import Select, WebDriverWait  # noqa: E402

from tests.web_support import running_server  # noqa: E402


@pytest.fixture(scope="module")
def base(tmp_path_factory):
    with running_server(tmp_path_factory.mktemp("web")) as url:
        yield url


@pytest.fixture(scope="module")
def downloads(tmp_path_factory):
    return tmp_path_factory.mktemp("downloads")


@pytest.fixture(scope="module")
def browser(tmp_path_factory, downloads):
    from selenium.webdriver.chrome.service import Service

    opts = webdriver.ChromeOptions()
    opts.binary_location = CHROMIUM
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic",
                "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--window-size=1200,1600",
                f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}"):
        opts.add_argument(arg)
    opts.add_experimental_option("prefs", {"download.default_directory": str(downloads),
                                           "download.prompt_for_download": False})
    driver = webdriver.Chrome(options=opts, service=Service(executable_path=CHROMEDRIVER))
    driver.execute_cdp_cmd("Page.setDownloadBehavior",
                           {"behavior": "allow", "downloadPath": str(downloads)})
    yield driver
    driver.quit()


def axe_violations(driver) -> list:
    driver.execute_script(AXE.read_text("utf-8"))
    result = driver.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "axe.run(document, {runOnly: {type: 'tag', values: "
        "['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})"
        ".then(r => done(r.violations.map(v => [v.id, v.help, "
        "v.nodes.map(n => n.target.join(' '))])));")
    return result


def fill(driver, element_id: str, text: str) -> None:
    el = driver.find_element(By.ID, element_id)
    el.clear()
    el.send_keys(text)


def choose(driver, element_id: str, value: str) -> None:
    Select(driver.find_element(By.ID, element_id)).select_by_value(value)


def submit(driver, css: str) -> None:
    """Click the button that ``css`` selects, which sends a form, and wait for the next
    page. The page's own script may redraw the form as a field is checked on leaving it,
    and ChromeDriver then refuses a click on the button it found a moment before ("node
    ... does not belong to the document"): the button is found again and clicked once more,
    up to three times."""
    from selenium.common.exceptions import StaleElementReferenceException, WebDriverException

    old = driver.find_element(By.TAG_NAME, "html")
    for attempt in range(3):
        try:
            driver.find_element(By.CSS_SELECTOR, css).click()
            break
        except (StaleElementReferenceException, WebDriverException) as exc:
            if attempt == 2 or not (isinstance(exc, StaleElementReferenceException)
                                    or "does not belong to the document" in str(exc)):
                raise
            time.sleep(0.2)
    WebDriverWait(driver, 60).until(lambda _: _gone(old))


def _gone(element) -> bool:
    """The element has left the document: Selenium's ``staleness_of``, which also takes
    ChromeDriver's other words for it ("does not belong to the document")."""
    from selenium.common.exceptions import StaleElementReferenceException, WebDriverException

    try:
        element.is_enabled()
    except StaleElementReferenceException:
        return True
    except WebDriverException as exc:
        if "does not belong to the document" in str(exc):
            return True
        raise
    return False


def press(driver, value: str) -> None:
    """Click the submit button with this value (a list button or a save button)."""
    submit(driver, f"button[value='{value}']")


def open_group(driver, element_id: str) -> None:
    el = driver.find_element(By.ID, element_id)
    if el.tag_name == "details" and not el.get_attribute("open"):
        el.find_element(By.TAG_NAME, "summary").click()


def rects(driver, *selectors: str) -> list[dict]:
    """The page rectangle (left, right, top, bottom) of the first element each CSS selector
    finds."""
    return [driver.execute_script(
        "const r = document.querySelector(arguments[0]).getBoundingClientRect();"
        "return {left: r.left, right: r.right, top: r.top + scrollY, bottom: r.bottom + scrollY};",
        css) for css in selectors]


def summary_items(driver) -> list:
    return driver.find_elements(By.CSS_SELECTOR, "#error-summary li a")


def wait_for_file(folder: Path, name: str) -> Path:
    target = folder / name
    for _ in range(300):
        if target.exists() and not list(folder.glob("*.crdownload")):
            return target
        time.sleep(0.1)
    raise AssertionError(f"{name} was not downloaded")


PAGES_SCANNED: list[str] = []


def scan(driver) -> None:
    violations = axe_violations(driver)
    PAGES_SCANNED.append(driver.current_url)
    assert violations == [], f"{driver.current_url}: {violations}"


def test_fill_a_data_sharing_mou_from_a_blank_form(browser, base, downloads):
    d = browser
    d.get(base + "/")
    scan(d)
    d.find_element(By.CSS_SELECTOR, "input[value='blank:mou-data-sharing']").click()
    submit(d, "form.start button[type=submit]")
    assert d.current_url.endswith("/form/about")
    fill(d, "f-purpose", "To measure the employment outcomes of training participants.")
    d.find_element(By.CSS_SELECTOR, "input[name='legal_authorities'][value='wioa-performance']"
                   ).click()
    fill(d, "f-permitted-uses", "Report performance outcomes")
    scan(d)
    press(d, "stay")

    d.get(base + "/form/parties")
    press(d, "add|parties")
    press(d, "add|parties")
    for n, (name, short, kind, role, security) in enumerate([
            ("Colorado Department of Labor and Employment, Division of Employment and "
             "Training", "CDLE", "workforce-agency", "receiving", "Casey Morgan"),
            ("Colorado Community College System", "CCCS", "community-college", "disclosing",
             "Robin Diaz")], start=1):
        fill(d, f"f-parties-{n}-name", name)
        fill(d, f"f-parties-{n}-short-name", short)
        choose(d, f"f-parties-{n}-type", kind)
        choose(d, f"f-parties-{n}-role", role)
        open_group(d, f"f-parties-{n}-security-contact")
        fill(d, f"f-parties-{n}-security-contact-name", security)
    if os.environ.get("PLANKIT_UPDATE_SCREENSHOT"):
        d.find_element(By.TAG_NAME, "h1").click()  # leave the last field: it is checked
        WebDriverWait(d, 20).until(
            lambda drv: not drv.find_elements(By.CSS_SELECTOR, ".has-error"))
        SCREENSHOT.parent.mkdir(exist_ok=True)
        d.execute_script("window.scrollTo(0, 0)")
        d.save_screenshot(str(SCREENSHOT))
    scan(d)
    press(d, "stay")
    assert summary_items(d) == []

    d.get(base + "/form/jurisdiction")
    fill(d, "f-jurisdiction-state", "CO")
    press(d, "stay")

    d.get(base + "/form/data-elements")
    press(d, "add|data_elements")
    fill(d, "f-data-elements-1-element", "Training completion records")
    choose(d, "f-data-elements-1-sensitivity", "restricted")
    press(d, "add|data_elements[1].fields")
    fill(d, "f-data-elements-1-fields-1-name", "Program completed")
    scan(d)
    press(d, "stay")
    assert summary_items(d) == []

    # the live preview beside the form is redrawn when a field is left
    d.find_element(By.CSS_SELECTOR, "details[data-preview] summary").click()
    frame = d.find_element(By.CSS_SELECTOR, "details[data-preview] iframe")
    WebDriverWait(d, 30).until(lambda drv: "?t=" in (frame.get_attribute("src") or ""))
    first = frame.get_attribute("src")
    fill(d, "f-data-elements-1-element", "Training completion records by program")
    d.find_element(By.TAG_NAME, "h1").click()
    WebDriverWait(d, 30).until(lambda drv: frame.get_attribute("src") != first)
    d.switch_to.frame(frame)
    WebDriverWait(d, 30).until(
        lambda drv: "Training completion records by program" in drv.page_source)
    d.switch_to.default_content()
    press(d, "stay")

    d.get(base + "/review")
    assert not d.find_elements(By.ID, "error-summary")
    scan(d)
    # the review notes beside the preview on a wide window, after it on a narrow one
    preview, notes = rects(d, "iframe.preview", "#review-notes")
    assert notes["left"] >= preview["right"] and notes["top"] < preview["bottom"], (preview,
                                                                                     notes)
    assert d.find_elements(By.CSS_SELECTOR, "#review-notes a[target=preview]")
    d.set_window_size(700, 1600)
    try:
        preview, notes = rects(d, "iframe.preview", "#review-notes")
        assert notes["top"] >= preview["bottom"], (preview, notes)
        scan(d)
    finally:
        d.set_window_size(1200, 1600)
    d.find_element(By.CSS_SELECTOR, "a[href='/download/docx']").click()
    d.find_element(By.CSS_SELECTOR, "a[href='/download/pdf']").click()
    d.find_element(By.CSS_SELECTOR, "a[href='/download/yaml']").click()
    docx_path = wait_for_file(downloads, "mou-data-sharing.docx")
    pdf_path = wait_for_file(downloads, "mou-data-sharing.pdf")
    yaml_path = wait_for_file(downloads, "mou-data-sharing.yaml")

    import docx
    from pypdf import PdfReader

    text = "\n".join(p.text for p in docx.Document(str(docx_path)).paragraphs)
    assert "Colorado Community College System" in text
    pdf_text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(
        pdf_path.read_bytes())).pages)
    assert "Colorado Community College System" in " ".join(pdf_text.split())

    # the saved YAML builds the same bytes from the CLI
    from plankit.cli import main

    work = downloads / "cli"
    work.mkdir()
    shutil.copy(yaml_path, work / yaml_path.name)
    assert main(["build", str(work / yaml_path.name), "-o", str(work / "out"),
                 "-f", "docx,pdf"]) == 0
    assert (work / "out" / "mou-data-sharing.docx").read_bytes() == docx_path.read_bytes()
    assert (work / "out" / "mou-data-sharing.pdf").read_bytes() == pdf_path.read_bytes()


def test_three_mistakes_fixed_from_the_error_summary(browser, base):
    d = browser
    d.get(base + "/form/parties")  # the MOU filled in above
    fill(d, "f-parties-1-name", " ")
    choose(d, "f-parties-2-role", "")
    open_group(d, "f-parties-2-contact")
    fill(d, "f-parties-2-contact-email", "x")  # a contact with no name
    press(d, "stay")
    links = summary_items(d)
    assert len(links) == 3, [a.text for a in links]
    assert d.switch_to.active_element.get_attribute("id") == "error-summary"
    scan(d)
    fixes = {"f-parties-1-name": ("fill", "Colorado Department of Labor and Employment, "
                                          "Division of Employment and Training"),
             "f-parties-2-role": ("choose", "disclosing"),
             "f-parties-2-contact-name": ("fill", "Lee Park")}
    for _ in range(3):
        link = summary_items(d)[0]
        target = link.get_attribute("href").rsplit("#", 1)[1]
        link.click()
        assert d.switch_to.active_element.get_attribute("id") == target
        how, value = fixes[target]
        (fill if how == "fill" else choose)(d, target, value)
        before = len(summary_items(d))
        d.find_element(By.TAG_NAME, "h1").click()  # leave the field: it is checked
        WebDriverWait(d, 20).until(lambda drv, n=before: len(summary_items(drv)) == n - 1)
    assert d.find_element(By.ID, "error-summary").get_attribute("hidden") is not None
    press(d, "stay")
    assert summary_items(d) == []


def test_pick_three_clauses_and_check_the_points_total(browser, base):
    d = browser
    d.get(base + "/")
    d.find_element(By.CSS_SELECTOR, "input[value='example:procurement-rfp']").click()
    submit(d, "form.start button[type=submit]")
    d.get(base + "/clauses")
    def click(el):  # in the middle of the window, clear of the sticky points total
        d.execute_script("arguments[0].scrollIntoView({block: 'center'})", el)
        el.click()
    for box in d.find_elements(By.CSS_SELECTOR, "input[name='use']:checked"):
        click(box)  # start from none
    total = d.find_element(By.CSS_SELECTOR, "[data-total]")
    assert total.text == "0"
    picks = {"living-wage.incentivize": "10", "apprenticeship.registered.incentivize": "15",
             "scheduling.encourage": None}
    for clause_id, points in picks.items():
        cid = "c-" + clause_id.replace(".", "-")
        click(d.find_element(By.ID, cid))
        if points:
            fill(d, "points-" + cid, points)
    assert total.text == "25"
    scan(d)
    submit(d, "form[data-points] button.secondary")
    assert d.find_element(By.CSS_SELECTOR, "[data-total]").text == "25"
    chosen = [b.get_attribute("value")
              for b in d.find_elements(By.CSS_SELECTOR, "input[name='use']:checked")]
    assert sorted(chosen) == sorted(picks)
    d.get(base + "/form/provisions")
    assert d.find_element(By.ID, "f-provisions-3-clause").get_attribute("value") in picks
    scan(d)
    # each setting of a chosen clause has its own input, checked as it is left
    n = next(i for i in (1, 2, 3) if d.find_element(By.ID, f"f-provisions-{i}-clause")
             .get_attribute("value") == "living-wage.incentivize")
    floor = f"f-provisions-{n}-params-wage-floor"
    label = d.find_element(By.CSS_SELECTOR, f"label[for='{floor}']").text
    assert label.startswith("Wage floor")
    assert Select(d.find_element(By.ID, f"f-provisions-{n}-params-apprentices")).options
    fill(d, floor, "twenty")
    d.find_element(By.TAG_NAME, "h1").click()  # leave the field: it is checked
    WebDriverWait(d, 20).until(lambda drv: any(
        a.get_attribute("href").endswith("#" + floor) for a in summary_items(drv)))
    field = d.find_element(By.ID, floor)
    assert field.get_attribute("aria-invalid") == "true"
    assert floor + "-err" in field.get_attribute("aria-describedby")
    assert "wage_floor" in d.find_element(By.ID, floor + "-err").text
    scan(d)
    next(a for a in summary_items(d) if a.get_attribute("href").endswith("#" + floor)).click()
    assert d.switch_to.active_element.get_attribute("id") == floor
    fill(d, floor, "24.50")
    press(d, "stay")
    assert not [a for a in summary_items(d) if a.get_attribute("href").endswith("#" + floor)]
    assert d.find_element(By.ID, floor).get_attribute("value") == "24.5"
