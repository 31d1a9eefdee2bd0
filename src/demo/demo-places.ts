/**
 * Postcode areas of the demo region (Midden-Brabant), with approximate centre points written for
 * this project. They let the demo run without any imported reference data; `npm run geo:import`
 * loads the full GeoNames set (CC BY 4.0) and takes precedence.
 */
export const DEMO_POSTCODE_AREAS: Array<{ postcode4: string; place: string; municipality: string; latitude: number; longitude: number }> = [
  { postcode4: '5011', place: 'Tilburg', municipality: 'Tilburg', latitude: 51.5665, longitude: 5.0815 },
  { postcode4: '5013', place: 'Tilburg', municipality: 'Tilburg', latitude: 51.565, longitude: 5.101 },
  { postcode4: '5014', place: 'Tilburg', municipality: 'Tilburg', latitude: 51.5745, longitude: 5.062 },
  { postcode4: '5017', place: 'Tilburg', municipality: 'Tilburg', latitude: 51.5525, longitude: 5.083 },
  { postcode4: '5018', place: 'Tilburg', municipality: 'Tilburg', latitude: 51.548, longitude: 5.101 },
  { postcode4: '5021', place: 'Tilburg', municipality: 'Tilburg', latitude: 51.5705, longitude: 5.056 },
  { postcode4: '5022', place: 'Tilburg', municipality: 'Tilburg', latitude: 51.548, longitude: 5.061 },
  { postcode4: '5025', place: 'Tilburg', municipality: 'Tilburg', latitude: 51.544, longitude: 5.044 },
  { postcode4: '5032', place: 'Tilburg', municipality: 'Tilburg', latitude: 51.569, longitude: 5.03 },
  { postcode4: '5038', place: 'Tilburg', municipality: 'Tilburg', latitude: 51.556, longitude: 5.091 },
  { postcode4: '5042', place: 'Tilburg', municipality: 'Tilburg', latitude: 51.588, longitude: 5.076 },
  { postcode4: '5043', place: 'Tilburg', municipality: 'Tilburg', latitude: 51.583, longitude: 5.052 },
  { postcode4: '5045', place: 'Tilburg', municipality: 'Tilburg', latitude: 51.596, longitude: 5.056 },
  { postcode4: '5047', place: 'Tilburg', municipality: 'Tilburg', latitude: 51.593, longitude: 5.019 },
  { postcode4: '5048', place: 'Tilburg', municipality: 'Tilburg', latitude: 51.604, longitude: 5.045 },
  { postcode4: '5051', place: 'Goirle', municipality: 'Goirle', latitude: 51.521, longitude: 5.067 },
  { postcode4: '5056', place: 'Berkel-Enschot', municipality: 'Tilburg', latitude: 51.585, longitude: 5.14 },
  { postcode4: '5061', place: 'Oisterwijk', municipality: 'Oisterwijk', latitude: 51.579, longitude: 5.189 },
  { postcode4: '5071', place: 'Udenhout', municipality: 'Tilburg', latitude: 51.61, longitude: 5.144 },
  { postcode4: '5081', place: 'Hilvarenbeek', municipality: 'Hilvarenbeek', latitude: 51.486, longitude: 5.137 },
  { postcode4: '5101', place: 'Dongen', municipality: 'Dongen', latitude: 51.627, longitude: 4.939 },
  { postcode4: '5121', place: 'Rijen', municipality: 'Gilze en Rijen', latitude: 51.59, longitude: 4.92 },
  { postcode4: '5126', place: 'Gilze', municipality: 'Gilze en Rijen', latitude: 51.544, longitude: 4.94 },
  { postcode4: '5141', place: 'Waalwijk', municipality: 'Waalwijk', latitude: 51.686, longitude: 5.066 },
  { postcode4: '5145', place: 'Waalwijk', municipality: 'Waalwijk', latitude: 51.695, longitude: 5.04 },
  { postcode4: '5171', place: 'Kaatsheuvel', municipality: 'Loon op Zand', latitude: 51.657, longitude: 5.04 },
  { postcode4: '5175', place: 'Loon op Zand', municipality: 'Loon op Zand', latitude: 51.627, longitude: 5.075 },
];
