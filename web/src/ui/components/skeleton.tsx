export interface SkeletonProps {
  /** Read by screen readers instead of the grey bars, e.g. "Loading…". */
  readonly label: string;
  /** How many placeholder blocks to draw. */
  readonly blocks?: number;
}

/**
 * A light placeholder while the data layer loads (it arrives a moment after the first paint):
 * the screen keeps its heading and shape instead of flashing an empty state.
 */
export function Skeleton({ label, blocks = 3 }: SkeletonProps) {
  return (
    <div class="skeleton" role="status" aria-busy="true">
      <span class="visually-hidden">{label}</span>
      {Array.from({ length: blocks }, (_, i) => (
        <div key={i} class="skeleton__block" aria-hidden="true">
          <span class="skeleton__line skeleton__line--title" />
          <span class="skeleton__line" />
          <span class="skeleton__line skeleton__line--short" />
        </div>
      ))}
    </div>
  );
}
