/** Replaces every :param in a route pattern. */
export function fillPath(pattern: string, value: (param: string, resource: string) => string): string {
  const segments = pattern.split('/');
  return segments
    .map((segment, index) => {
      if (!segment.startsWith(':')) return segment;
      const param = segment.slice(1);
      // The resource a param names: ":id" belongs to the segment before it, ":locationId" to "locations".
      const resource = param === 'id' ? (segments[index - 1] ?? '') : param.replace(/Id$/, 's').replace(/ys$/, 'ies');
      return value(param, resource);
    })
    .join('/');
}
