"""Where sampled angles cross boundaries or turn around: the numerics behind the sky's events.

Every function takes angles in degrees sampled at equal steps, one series per row of a
(series, sample) array, and reports positions as fractional sample indexes. Angles wrap at 360.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

FloatArray = NDArray[np.float64]
IntArray = NDArray[np.intp]
BoolArray = NDArray[np.bool_]


def wrap180(degrees: FloatArray) -> FloatArray:
    """Angles folded into [-180, 180): the short way round between two directions."""
    return (degrees + 180.0) % 360.0 - 180.0


@dataclass(frozen=True, slots=True)
class Crossings:
    """Boundaries crossed: one entry per crossing, in row order, then in time order."""

    row: IntArray
    at: FloatArray  # fractional sample index
    boundary: FloatArray  # the multiple of the width that was crossed, [0, 360)
    forward: BoolArray  # crossed while the angle was increasing


def boundary_crossings(angles: FloatArray, width: float) -> Crossings:
    """Every crossing of a multiple of `width` degrees, located by linear interpolation.

    Assumes an angle moves less than `width` between samples, so it crosses one boundary at most.
    """
    slot_count = round(360.0 / width)
    # `% 360` can yield exactly 360.0 for tiny negative input, hence the second modulo.
    slots = np.floor(angles / width).astype(np.intp) % slot_count
    rows, before_index = np.nonzero(slots[:, 1:] != slots[:, :-1])
    before = angles[rows, before_index]
    step = wrap180(angles[rows, before_index + 1] - before)
    forward = step > 0
    # Moving forward we enter the slot's lower edge; moving back we leave the old slot's one.
    edge_slot = np.where(forward, slots[rows, before_index + 1], slots[rows, before_index])
    boundary = (edge_slot * width) % 360.0
    fraction = wrap180(boundary - before) / step
    return Crossings(rows, before_index + fraction, boundary, forward)


@dataclass(frozen=True, slots=True)
class TurningPoints:
    """Where a series stops and reverses: one entry per turn, in row order, then in time order."""

    row: IntArray
    at: FloatArray  # fractional sample index
    maximum: BoolArray  # the angle stopped increasing (turned back) rather than decreasing


def turning_points(angles: FloatArray) -> TurningPoints:
    """Every local extremum of each series, refined by a parabola through three samples."""
    unwrapped = np.unwrap(angles, period=360.0, axis=1)
    rising = np.diff(unwrapped, axis=1) > 0
    rows, step_index = np.nonzero(rising[:, 1:] != rising[:, :-1])
    centre = step_index + 1
    left, middle, right = (unwrapped[rows, centre + k] for k in (-1, 0, 1))
    curvature = left - 2.0 * middle + right
    with np.errstate(divide="ignore", invalid="ignore"):
        vertex = np.where(curvature != 0, 0.5 * (left - right) / curvature, 0.0)
    return TurningPoints(rows, centre + np.clip(vertex, -1.0, 1.0), rising[rows, step_index])


def angle_at(series: FloatArray, at: float) -> float:
    """The angle of one series at a fractional sample index, interpolated the short way round."""
    index = min(max(int(np.floor(at)), 0), len(series) - 2)
    fraction = at - index
    step = float(wrap180(series[index + 1] - series[index]))
    return float((series[index] + fraction * step) % 360.0)
