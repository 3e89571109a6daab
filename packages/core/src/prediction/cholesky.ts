// Solving H·x = b for the symmetric positive-definite Newton systems of the logistic regression. At ~225
// columns a dense Cholesky factorisation takes a few milliseconds and is exact.

/** Solves `matrix · x = rhs` (matrix d×d row-major, SPD); the matrix is overwritten by its factor. */
export function solveCholesky(matrix: Float64Array, rhs: Float64Array): Float64Array {
  const d = rhs.length
  for (let j = 0; j < d; j++) {
    let diagonal = matrix[j * d + j]!
    for (let k = 0; k < j; k++) diagonal -= matrix[j * d + k]! ** 2
    if (!(diagonal > 0)) throw new Error(`matrix is not positive definite at column ${j}`)
    const root = Math.sqrt(diagonal)
    matrix[j * d + j] = root
    for (let i = j + 1; i < d; i++) {
      let sum = matrix[i * d + j]!
      for (let k = 0; k < j; k++) sum -= matrix[i * d + k]! * matrix[j * d + k]!
      matrix[i * d + j] = sum / root
    }
  }
  // L·y = b, then Lᵀ·x = y.
  const x = Float64Array.from(rhs)
  for (let i = 0; i < d; i++) {
    let sum = x[i]!
    for (let k = 0; k < i; k++) sum -= matrix[i * d + k]! * x[k]!
    x[i] = sum / matrix[i * d + i]!
  }
  for (let i = d - 1; i >= 0; i--) {
    let sum = x[i]!
    for (let k = i + 1; k < d; k++) sum -= matrix[k * d + i]! * x[k]!
    x[i] = sum / matrix[i * d + i]!
  }
  return x
}
