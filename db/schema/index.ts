export * from './tenants.js';
export * from './employers.js';
export * from './vacancies.js';
export * from './growth-plans.js';
export * from './platform.js';
export * from './taxonomy.js';
export * from './candidates.js';
export * from './matching.js';
