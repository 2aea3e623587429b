fn main() {
    torikumi::start();
}
