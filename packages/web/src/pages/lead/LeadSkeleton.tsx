// The page's shape while the lead loads, at its final size, so nothing jumps when the data arrives.
import { Loading } from '../../components/States.tsx'

export function LeadSkeleton() {
  return (
    <div className="lead-skeleton">
      <div className="skeleton-block lead-skeleton-head" aria-hidden="true" />
      <div className="lead-layout">
        <div className="lead-main">
          <Loading rows={5} />
        </div>
        <div className="lead-side" aria-hidden="true">
          <div className="skeleton-block" />
          <div className="skeleton-block" />
        </div>
      </div>
    </div>
  )
}
