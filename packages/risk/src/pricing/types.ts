/** Price sensitivities of one option. Units: per 1.0 of the underlying, per 1.0 (100 points) of vol/rate, per year. */
export interface OptionGreeks {
  /** Option value. */
  price: number;
  /** ∂V/∂(forward or spot). */
  delta: number;
  /** ∂²V/∂(forward or spot)². */
  gamma: number;
  /** ∂V/∂σ for σ in absolute units (divide by 100 for one vol point). */
  vega: number;
  /** ∂V/∂t with t calendar time passing (negative of ∂V/∂T), per year. */
  theta: number;
  /** ∂V/∂r, per 1.0 of rate. */
  rho: number;
}
