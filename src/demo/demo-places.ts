/**
 * Postcode areas of the demo region (Midden-Brabant), with approximate centre points written for
 * this project. They let the demo run without any imported reference data; `npm run geo:import`
 * loads the full GeoNames set (CC BY 4.0) and takes precedence.
 */
export const DEMO_POSTCODE_AREAS: Array<{ postcode4: string; place: string; municipality: string; latitude: number; longitude: number }> = [
  { postcode4: '5011', place: 'Tilburg', municipality: 'Tilburg', latitude: 51.5665, longitude: 5.0815 },
  { postcode4: '5013', place: 'Tilburg', municipality: 'Tilburg', latitude: 51.5650, longitude: 5.1010 },
  { postcode4: '5014', place: 'Tilburg', municipality: 'Tilburg', latitude: 51.5745, longitude: 5.0620 },
  { postcode4: '5017', place: 'Tilburg', municipality: 'Tilburg', latitude: 51.5525, longitude: 5.0830 },
  { postcode4: '5018', place: 'Tilburg', municipality: 'Tilburg', latitude: 51.5480, longitude: 5.1010 },
  { postcode4: '5021', place: 'Tilburg', municipality: 'Tilburg', latitude: 51.5705, longitude: 5.0560 },
  { postcode4: '5022', place: 'Tilburg', municipality: 'Tilburg', latitude: 51.5480, longitude: 5.0610 },
  { postcode4: '5025', place: 'Tilburg', municipality: 'Tilburg', latitude: 51.5440, longitude: 5.0440 },
  { postcode4: '5032', place: 'Tilburg', municipality: 'Tilburg', latitude: 51.5690, longitude: 5.0300 },
  { postcode4: '5038', place: 'Tilburg', municipality: 'Tilburg', latitude: 51.5560, longitude: 5.0910 },
  { postcode4: '5042', place: 'Tilburg', municipality: 'Tilburg', latitude: 51.5880, longitude: 5.0760 },
  { postcode4: '5043', place: 'Tilburg', municipality: 'Tilburg', latitude: 51.5830, longitude: 5.0520 },
  { postcode4: '5045', place: 'Tilburg', municipality: 'Tilburg', latitude: 51.5960, longitude: 5.0560 },
  { postcode4: '5047', place: 'Tilburg', municipality: 'Tilburg', latitude: 51.5930, longitude: 5.0190 },
  { postcode4: '5048', place: 'Tilburg', municipality: 'Tilburg', latitude: 51.6040, longitude: 5.0450 },
  { postcode4: '5051', place: 'Goirle', municipality: 'Goirle', latitude: 51.5210, longitude: 5.0670 },
  { postcode4: '5056', place: 'Berkel-Enschot', municipality: 'Tilburg', latitude: 51.5850, longitude: 5.1400 },
  { postcode4: '5061', place: 'Oisterwijk', municipality: 'Oisterwijk', latitude: 51.5790, longitude: 5.1890 },
  { postcode4: '5071', place: 'Udenhout', municipality: 'Tilburg', latitude: 51.6100, longitude: 5.1440 },
  { postcode4: '5081', place: 'Hilvarenbeek', municipality: 'Hilvarenbeek', latitude: 51.4860, longitude: 5.1370 },
  { postcode4: '5101', place: 'Dongen', municipality: 'Dongen', latitude: 51.6270, longitude: 4.9390 },
  { postcode4: '5121', place: 'Rijen', municipality: 'Gilze en Rijen', latitude: 51.5900, longitude: 4.9200 },
  { postcode4: '5126', place: 'Gilze', municipality: 'Gilze en Rijen', latitude: 51.5440, longitude: 4.9400 },
  { postcode4: '5141', place: 'Waalwijk', municipality: 'Waalwijk', latitude: 51.6860, longitude: 5.0660 },
  { postcode4: '5145', place: 'Waalwijk', municipality: 'Waalwijk', latitude: 51.6950, longitude: 5.0400 },
  { postcode4: '5171', place: 'Kaatsheuvel', municipality: 'Loon op Zand', latitude: 51.6570, longitude: 5.0400 },
  { postcode4: '5175', place: 'Loon op Zand', municipality: 'Loon op Zand', latitude: 51.6270, longitude: 5.0750 },
];
