"""Page geometry: deskew, sheet detection in photos, orientation, and boxes mapped back onto the upload."""

import cv2
import numpy as np
import pytest

from ocr import geometry as geo
from ocr import page_image


def _text_page(width: int = 1700, height: int = 1200, lines: int = 14) -> np.ndarray:
    """White page with lines of black text (OpenCV's own font: no renderer pixels involved)."""
    page = np.full((height, width), 255, np.uint8)
    words = ["NAMA LENGKAP", "TEMPAT LAHIR", "KOLAKA 12-03-1980", "STATUS KAWIN", "7401054506850002"]
    for i in range(lines):
        text = "  ".join(words[(i + k) % len(words)] for k in range(3))
        cv2.putText(page, text, (80, 110 + i * 72), cv2.FONT_HERSHEY_SIMPLEX, 1.1, 0, 2, cv2.LINE_AA)
    return page


@pytest.mark.parametrize("angle", [-7.0, -2.5, -0.6, 1.3, 4.0])
def test_skew_angle_is_recovered(angle):
    page = _text_page()
    turned, _ = geo.rotate(page, angle)
    found = geo.skew_angle(page_image.binarize(turned))
    assert found == pytest.approx(-angle, abs=0.25)


def test_a_level_page_has_no_skew():
    assert geo.skew_angle(page_image.binarize(_text_page())) == pytest.approx(0.0, abs=0.15)


def _photo(page: np.ndarray, corners: np.ndarray, size: tuple[int, int]) -> np.ndarray:
    h, w = page.shape
    src = np.array([[0, 0], [w - 1, 0], [w - 1, h - 1], [0, h - 1]], dtype=np.float32)
    matrix = cv2.getPerspectiveTransform(src, corners)
    background = np.full((size[1], size[0]), 70, np.uint8)
    return cv2.warpPerspective(page, matrix, size, dst=background, borderMode=cv2.BORDER_TRANSPARENT)


def test_the_sheet_in_a_photo_is_found_and_flattened():
    page = _text_page()
    corners = np.float32([[260, 180], [1850, 250], [1800, 1400], [210, 1330]])
    photo = _photo(page, corners, (2100, 1600))
    found = geo.find_sheet(photo)
    assert found is not None
    assert np.abs(found - corners).max() < 12
    flat, _ = geo.unwarp(photo, found)
    # The flattened sheet is level again and about the size it was printed.
    assert geo.skew_angle(page_image.binarize(flat)) == pytest.approx(0.0, abs=0.3)
    assert flat.shape[1] == pytest.approx(page.shape[1], rel=0.08)


@pytest.mark.parametrize("corners", [
    # bottom-left corner below the photo
    [[260, 180], [1850, 250], [1800, 1400], [180, 1680]],
    # top-left corner left of the photo, bottom-right below it
    [[-90, 140], [1850, 200], [1990, 1700], [200, 1380]],
    # top-right corner right of the photo and above it
    [[200, 150], [2180, -60], [1850, 1400], [250, 1420]],
])
def test_a_sheet_running_out_of_the_photo_is_found_by_its_visible_sides(corners):
    page = _text_page()
    corners = np.float32(corners)
    photo = _photo(page, corners, (2100, 1600))
    found = geo.find_sheet(photo)
    assert found is not None
    # Corners outside the photo are where the visible sides meet.
    assert np.abs(found - corners).max() < 15
    flat, _ = geo.unwarp(photo, found)
    assert geo.skew_angle(page_image.binarize(flat)) == pytest.approx(0.0, abs=0.3)


def test_what_the_photo_does_not_show_comes_out_white():
    page = _text_page()
    photo = _photo(page, np.float32([[260, 180], [1850, 250], [1800, 1400], [180, 1680]]), (2100, 1600))
    found = geo.find_sheet(photo)
    assert found is not None
    flat, _ = geo.unwarp(photo, found)
    # The bottom-left corner of the sheet lies below the photo: white there, not smeared edge pixels.
    assert flat[-5:, :5].min() >= 250


def test_a_sheet_with_a_whole_side_outside_the_photo_keeps_the_frame_as_that_side():
    page = _text_page()
    corners = np.float32([[250, 160], [2400, 200], [2380, 1420], [230, 1400]])
    found = geo.find_sheet(_photo(page, corners, (2100, 1600)))
    assert found is not None
    # Left side and top/bottom from the sheet; the right side is the photo's edge.
    assert np.abs(found[[0, 3]] - corners[[0, 3]]).max() < 15
    assert np.abs(found[[1, 2], 0] - 2099).max() < 15


def test_a_blob_that_is_not_a_clipped_quadrilateral_is_not_taken_for_a_sheet():
    # A bright disc cut by the frame: no four straight sides.
    photo = np.full((1600, 2100), 60, np.uint8)
    cv2.circle(photo, (1900, 800), 900, 240, -1)
    assert geo.find_sheet(photo) is None


def test_both_facing_pages_of_an_opened_booklet_are_the_sheet():
    """The fold's shadow parts an opened booklet into two bright pages: both are kept, not the larger alone."""
    photo = np.full((1600, 2400), 70, np.uint8)
    left, right = _text_page(1000, 1300, lines=12), _text_page(1000, 1300, lines=12)
    photo[150:1450, 180:1180], photo[150:1450, 1210:2210] = left, right
    photo[150:1450, 1180:1210] = 110  # the gutter's shadow
    found = geo.find_sheet(photo)
    assert found is not None
    assert found[:, 0].min() < 200 and found[:, 0].max() > 2190
    # A page with a smaller card beside it is still the page alone.
    photo[150:1450, 1210:2210] = 70
    photo[400:900, 1300:1800] = 255
    found = geo.find_sheet(photo)
    assert found is not None and found[:, 0].max() < 1200


def test_a_scan_that_fills_the_frame_is_not_cropped():
    assert geo.find_sheet(_text_page()) is None


@pytest.mark.parametrize("turns", [1, 3])
def test_a_page_on_its_side_is_noticed(turns):
    binary = page_image.binarize(_text_page())
    assert not geo.runs_vertically(binary)
    turned, _ = geo.quarter_turn(binary, turns)
    assert geo.runs_vertically(turned)


def _dense_rows() -> np.ndarray:
    """Many rows of small glyphs close under each other (a KK whose twelve members shrink its table text)."""
    page = np.full((700, 1000), 255, np.uint8)
    for top in range(20, 680, 13):
        for left in range(20, 980, 8):
            page[top:top + 8, left:left + 5] = 0
    return page


@pytest.mark.parametrize("turns", [0, 1])
def test_many_close_rows_of_small_text_are_upright_when_upright(turns):
    # Glyphs sit 8 px apart along a row and 13 px apart across rows: every glyph's nearest neighbour is
    # beside it. Asking only some glyphs must not thin out the neighbours they are compared with.
    binary, _ = geo.quarter_turn(_dense_rows(), turns)
    assert geo.runs_vertically(binary) == bool(turns)


@pytest.mark.parametrize("turns", [1, 2, 3])
def test_quarter_turn_matrix_moves_pixels_where_the_image_went(turns):
    image = np.zeros((40, 60), np.uint8)
    image[5, 7] = 255
    turned, matrix = geo.quarter_turn(image, turns)
    y, x = np.argwhere(turned == 255)[0]
    mapped = matrix @ np.array([7, 5, 1.0])
    assert (round(mapped[0]), round(mapped[1])) == (x, y)


def test_boxes_map_back_onto_the_upload():
    # upload -> flatten (homography) -> rotate 3 degrees; a box on the page maps back and forth.
    corners = np.float32([[100, 80], [900, 120], [880, 700], [90, 660]])
    flat_matrix = cv2.getPerspectiveTransform(corners, np.float32([[0, 0], [799, 0], [799, 599], [0, 599]]))
    _, rot_matrix = geo.rotate(np.zeros((600, 800), np.uint8), 3.0)
    transform = geo.Transform().then(flat_matrix).then(rot_matrix)
    upload_point = np.array([500.0, 400.0, 1.0])
    page_point = transform.matrix @ upload_point
    page_point /= page_point[2]
    box = (int(page_point[0]) - 2, int(page_point[1]) - 2, int(page_point[0]) + 2, int(page_point[1]) + 2)
    x0, y0, x1, y1 = transform.to_source(box)
    assert x0 <= 500 <= x1 and y0 <= 400 <= y1
    assert x1 - x0 < 12 and y1 - y0 < 12
    assert geo.Transform().is_identity and not transform.is_identity


def test_vector_rules_make_a_grid():
    rules = [(10, y, 410, y) for y in (10, 40, 70, 100)] + [(x, 10, x, 100) for x in (10, 150, 300, 410)]
    rules += [(500, 500, 600, 500)]  # a stray underline is no table
    (grid,) = page_image.grids_from_segments(rules)
    assert grid.xs == (10, 150, 300, 410) and grid.ys == (10, 40, 70, 100)
    assert grid.rows == 3


def test_even_light_flattens_a_shadow():
    page = _text_page().astype(np.float32)
    shade = np.linspace(1.0, 0.45, page.shape[1], dtype=np.float32)[None, :]
    shaded = (page * shade).astype(np.uint8)
    levelled = page_image.even_light(shaded)
    paper = levelled[_text_page() == 255]
    assert paper.mean() > 235  # the shaded side of the paper is white again
    assert levelled[_text_page() == 0].mean() < 120  # and the ink is still dark
