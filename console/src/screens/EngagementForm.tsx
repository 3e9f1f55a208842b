export function EngagementForm() {
  return <p>Coming next.</p>;
}
