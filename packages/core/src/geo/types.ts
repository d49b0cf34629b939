/** A point on the sphere in decimal degrees (WGS 84). */
export interface LatLon {
  lat: number;
  lon: number;
}
